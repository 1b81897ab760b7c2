"""What falls due in development-day costs (core/reminders.py): an invoice basis sent and not paid by
its due date reaches the debtor and the payee the day after."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.reminders import Audience, Due, Remind, declares, kind
from costs.models import Invoice

INVOICE_OVERDUE = kind("invoice_overdue", gettext_lazy("invoice overdue"))


@declares("costs.invoices")
def unpaid_invoices(today: datetime.date, areas=None):
    invoices = Invoice.objects.filter(status=Invoice.Status.SENT).select_related(
        "debtor", "creditor", "day__group"
    )
    if areas is not None:
        invoices = invoices.filter(day__group__area__in=areas)
    for invoice in invoices:
        yield Due(
            kind=INVOICE_OVERDUE,
            key=f"costs.invoice:{invoice.pk}",
            on=invoice.due_date,
            text=lambda i=invoice: (
                _("Invoice basis %(number)s to %(debtor)s (%(amount)s €) was due on %(day)s.")
                % {
                    "number": i.number,
                    "debtor": i.debtor,
                    "amount": i.amount,
                    "day": f"{i.due_date:%d.%m.%Y}",
                }
            ),
            link=reverse("day-detail", args=[invoice.day_id]),
            area_id=invoice.day.group.area_id,
            audience=Audience(organisations=(invoice.debtor, invoice.creditor)),
            remind=Remind.AFTER,
            title=lambda i=invoice: (
                _("Invoice basis %(number)s to %(debtor)s is due") % {"number": i.number, "debtor": i.debtor}
            ),
        )
