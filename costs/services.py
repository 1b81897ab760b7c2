"""Reads and writes for development days: the split of a day's costs and the invoice bases."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.writes import Actor, save_validated
from costs import split
from costs.models import CostItem, DevelopmentDay, Invoice, InvoiceCounter, Registration
from governance.models import SteeringGroup
from organisations.models import Organisation, Person

PAYMENT_TERM_DAYS = 21


@dataclass
class PartyShare:
    organisation: Organisation
    registrations: int
    share: Decimal
    paid: Decimal

    @property
    def net(self) -> Decimal:
        return self.share - self.paid


@dataclass
class DaySplit:
    total: Decimal
    parties: list[PartyShare]
    transfers: list[tuple[Organisation, Organisation, Decimal]]

    @property
    def registrations(self) -> int:
        return sum(p.registrations for p in self.parties)


def day_split(day: DevelopmentDay) -> DaySplit | None:
    """The day's costs shared by active registrations; None while nobody is registered or nothing cost."""
    counts: dict[int, int] = {}
    organisations: dict[int, Organisation] = {}
    for registration in day.registrations.active().select_related("organisation"):
        counts[registration.organisation_id] = (
            counts.get(registration.organisation_id, 0) + registration.count
        )
        organisations[registration.organisation_id] = registration.organisation
    paid: dict[int, Decimal] = {}
    for item in day.cost_items.select_related("paid_by"):
        paid[item.paid_by_id] = paid.get(item.paid_by_id, Decimal(0)) + item.amount
        organisations[item.paid_by_id] = item.paid_by
    total = sum(paid.values(), Decimal("0.00"))
    if not counts or total == 0:
        return None
    shares = split.allocate(total, {str(k): v for k, v in counts.items()})
    parties = [
        PartyShare(
            organisations[pk],
            counts.get(pk, 0),
            shares.get(str(pk), Decimal("0.00")),
            paid.get(pk, Decimal("0.00")),
        )
        for pk in sorted(organisations, key=lambda pk: organisations[pk].name_fi)
    ]
    transfers = [
        (organisations[int(d)], organisations[int(c)], amount)
        for d, c, amount in split.settle(shares, {str(k): v for k, v in paid.items()})
    ]
    return DaySplit(total, parties, transfers)


@transaction.atomic
def register(
    *,
    day: DevelopmentDay,
    organisation: Organisation,
    actor: Actor,
    person: Person | None = None,
    count: int = 1,
) -> Registration:
    return save_validated(Registration(day=day, organisation=organisation, person=person, count=count), actor)


@transaction.atomic
def cancel(*, registration: Registration, on: datetime.date, actor: Actor) -> Registration:
    registration.cancelled_on = on
    return save_validated(registration, actor)


@transaction.atomic
def prepare_invoices(*, day: DevelopmentDay, actor: Actor, today: datetime.date) -> list[Invoice]:
    """(Re)build the draft invoice bases of DAY.

    Refused once any has been sent: rebuilding would change an invoice a party already has.
    """
    existing = list(day.invoices.select_for_update())
    if any(invoice.status != Invoice.Status.DRAFT for invoice in existing):
        raise ValidationError(_("Invoices of this day have already been sent; they are not rebuilt."))
    for invoice in existing:
        invoice._history_user = actor  # type: ignore[attr-defined]  # read by simple-history
        invoice.delete()
    result = day_split(day)
    if result is None:
        raise ValidationError(_("The day has no registrations or no costs to share."))
    by_org = {p.organisation.pk: p for p in result.parties}
    invoices = []
    year = day.date.year
    # The year's counter, locked until this transaction ends: numbers are never reused, even when an
    # earlier day is rebuilt, and two days prepared at once wait for each other.
    InvoiceCounter.objects.get_or_create(year=year)
    counter = InvoiceCounter.objects.select_for_update().get(year=year)
    used = Invoice.objects.filter(number__startswith=f"KP-{year}-").values_list("number", flat=True)
    highest = max((int(n.rsplit("-", 1)[1]) for n in used if n.rsplit("-", 1)[1].isdigit()), default=0)
    start = max(counter.last, highest) + 1
    for n, (debtor, creditor, amount) in enumerate(result.transfers, start=start):
        party = by_org[debtor.pk]
        invoice = Invoice(
            day=day,
            number=f"KP-{year}-{n:03d}",
            debtor=debtor,
            creditor=creditor,
            registrations=party.registrations,
            share=party.share,
            amount=amount,
            due_date=today + datetime.timedelta(days=PAYMENT_TERM_DAYS),
        )
        invoices.append(save_validated(invoice, actor))
    counter.last = start + len(invoices) - 1 if invoices else counter.last
    counter.save(update_fields=["last"])
    return invoices


@transaction.atomic
def mark_invoice(*, invoice: Invoice, status: str, on: datetime.date, actor: Actor) -> Invoice:
    invoice.status = status
    if status == Invoice.Status.SENT:
        invoice.sent_on = on
    elif status == Invoice.Status.PAID:
        invoice.paid_on = on
    return save_validated(invoice, actor)


def yearly_summary(group: SteeringGroup, year: int) -> list[dict[str, Any]]:
    """Per party: registrations, share and paid over the year's development days of GROUP."""
    rows: dict[int, dict[str, Any]] = {}
    for day in DevelopmentDay.objects.filter(group=group, date__year=year):
        result = day_split(day)
        if result is None:
            continue
        for party in result.parties:
            row = rows.setdefault(
                party.organisation.pk,
                {
                    "organisation": party.organisation,
                    "registrations": 0,
                    "share": Decimal("0.00"),
                    "paid": Decimal("0.00"),
                },
            )
            row["registrations"] += party.registrations
            row["share"] += party.share
            row["paid"] += party.paid
    return sorted(rows.values(), key=lambda r: r["organisation"].name_fi)


@transaction.atomic
def create_day(*, group: SteeringGroup, actor: Actor, **fields: Any) -> DevelopmentDay:
    return save_validated(DevelopmentDay(group=group, **fields), actor)


@transaction.atomic
def add_cost_item(
    *, day: DevelopmentDay, description: str, amount: Decimal, paid_by: Organisation, actor: Actor
) -> CostItem:
    """A cost of the day paid by one party; shared later by registrations (agreement § 9)."""
    day = DevelopmentDay.objects.select_for_update().select_related("group__cooperation").get(pk=day.pk)
    if not day.group.cooperation.parties().filter(pk=paid_by.pk).exists():
        raise ValidationError({"paid_by": _("Only a party of the cooperation shares the costs.")})
    if day.invoices.exclude(status=Invoice.Status.DRAFT).exists():
        raise ValidationError(_("Invoices of this day have been sent: its costs can no longer change."))
    return save_validated(CostItem(day=day, description=description, amount=amount, paid_by=paid_by), actor)
