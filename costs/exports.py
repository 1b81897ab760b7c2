"""A development day's costs as a table (#18 item 5): each party's registrations, share, payments and
balance, then the invoice bases; Finnish decimal commas and dates in CSV, real numbers in Excel."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from costs import selectors
from costs.models import DevelopmentDay


def rows(day: DevelopmentDay, *, finnish: bool = False) -> list[list[object]]:
    def value(v: object) -> object:
        if not finnish:
            return v
        if isinstance(v, Decimal):
            return f"{v:.2f}".replace(".", ",")
        if isinstance(v, datetime.date):
            return f"{v.day}.{v.month}.{v.year}"
        return "" if v is None else v

    table: list[list[object]] = [
        [_("Party"), _("Registrations"), _("Share (€)"), _("Paid (€)"), _("Balance (€)")]
    ]
    result = selectors.day_split(day)
    for party in result.parties if result else []:
        table.append(
            [
                value(v)
                for v in (party.organisation.name_fi, party.registrations, party.share, party.paid, party.net)
            ]
        )
    table.append([])
    table.append([_("Invoice"), _("Debtor"), _("Creditor"), _("Amount (€)"), _("Due date"), _("Status")])
    for invoice in day.invoices.select_related("debtor", "creditor").order_by("number"):
        table.append(
            [
                value(v)
                for v in (
                    invoice.number,
                    invoice.debtor.name_fi,
                    invoice.creditor.name_fi,
                    -invoice.amount if invoice.is_credit_note else invoice.amount,  # a credit takes back
                    invoice.due_date,
                    invoice.get_status_display(),
                )
            ]
        )
    return table
