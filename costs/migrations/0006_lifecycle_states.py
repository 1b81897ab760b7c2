"""The states of the development days and invoice bases saved before the lifecycles (#32 item 4).

A day with any invoice basis was invoiced: its registrations close. An invoice basis takes the state
its dates say, since the dates are what was recorded: one with a payment date is paid (the old portal
let a paid invoice go back to sent, the move #32 names; the later "sent" is undone) and counts as sent
on its payment day when no sending day was recorded; one with only a sending day is sent; one with
neither is a draft. Each changed row gets a history row naming this migration. The reverse changes
nothing; it cannot go back past an invoice basis voided or credited since (the old model lacks them).
"""

from django.db import migrations
from django.utils import timezone

REASON = "lifecycle states (#32)"


def _record(apps, model_name, obj):
    """A history row for OBJ as it is now, as simple-history would write it (no request: no user)."""
    historical = apps.get_model("costs", f"Historical{model_name}")
    values = {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}
    historical.objects.create(
        **values, history_date=timezone.now(), history_type="~", history_change_reason=REASON
    )


def set_states(apps, schema_editor):
    Invoice = apps.get_model("costs", "Invoice")
    DevelopmentDay = apps.get_model("costs", "DevelopmentDay")
    for invoice in Invoice.objects.order_by("pk"):
        if invoice.paid_on is not None:
            status, sent_on = "paid", invoice.sent_on or invoice.paid_on
        elif invoice.sent_on is not None:
            status, sent_on = "sent", invoice.sent_on
        else:
            status, sent_on = "draft", None
        if (invoice.status, invoice.sent_on) != (status, sent_on):
            invoice.status, invoice.sent_on = status, sent_on
            invoice.save(update_fields=["status", "sent_on"])
            _record(apps, "Invoice", invoice)
    for day in DevelopmentDay.objects.filter(invoices__isnull=False).distinct().order_by("pk"):
        day.status = "invoiced"
        day.save(update_fields=["status"])
        _record(apps, "DevelopmentDay", day)


class Migration(migrations.Migration):
    dependencies = [
        ("costs", "0005_lifecycle"),
    ]

    operations = [migrations.RunPython(set_states, migrations.RunPython.noop)]
