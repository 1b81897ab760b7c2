"""What falls due in development-day costs (core/reminders.py): an invoice basis sent and not paid by
its due date reaches the debtor and the payee the day after."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.reminders import Audience, Due, Remind, Text, declares, kind
from costs.models import Invoice

INVOICE_OVERDUE = kind("invoice_overdue", _("invoice overdue"))


@declares("costs.invoices")
def unpaid_invoices(today: datetime.date, cooperations: Any = None) -> Iterator[Due]:
    # A credit note is not chased: it takes a debt back; a credited invoice is no longer sent.
    invoices = Invoice.objects.filter(status=Invoice.Status.SENT, kind=Invoice.Kind.INVOICE).select_related(
        "debtor", "creditor", "day__group"
    )
    if cooperations is not None:
        invoices = invoices.filter(day__group__cooperation__in=cooperations)
    for invoice in invoices:
        names = {"number": invoice.number, "debtor": invoice.debtor}
        yield Due(
            kind=INVOICE_OVERDUE,
            key=f"costs.invoice:{invoice.pk}",
            on=invoice.due_date,
            text=Text(
                _("Invoice basis %(number)s to %(debtor)s (%(amount)s €) was due on %(day)s."),
                {**names, "amount": invoice.amount, "day": f"{invoice.due_date:%d.%m.%Y}"},
            ),
            title=Text(_("Invoice basis %(number)s to %(debtor)s is due"), names),
            # the invoice's status form on the day's page (#29 item 6)
            link=reverse("day-detail", args=[invoice.day_id]) + f"#status-{invoice.pk}",
            cooperation_id=invoice.day.group.cooperation_id,
            audience=Audience(organisations=(invoice.debtor, invoice.creditor)),
            remind=Remind.AFTER,
        )
