"""Reads of development days: the split of a day's costs by registrations (agreement § 9), what its
invoice bases say, whether the two agree, and a year's sum per party."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from costs import split
from costs.models import CostItem, DevelopmentDay, Invoice, Registration
from governance.models import SteeringGroup
from organisations.models import Organisation


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
    return split_of(
        day.registrations.active().select_related("organisation"), day.cost_items.select_related("paid_by")
    )


def split_of(registrations: Iterable[Registration], cost_items: Iterable[CostItem]) -> DaySplit | None:
    """The split of one day from its active REGISTRATIONS and COST_ITEMS (already read, or querysets)."""
    counts: dict[int, int] = {}
    organisations: dict[int, Organisation] = {}
    for registration in registrations:
        counts[registration.organisation_id] = (
            counts.get(registration.organisation_id, 0) + registration.count
        )
        organisations[registration.organisation_id] = registration.organisation
    paid: dict[int, Decimal] = {}
    for item in cost_items:
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


def invoiced(day: DevelopmentDay) -> dict[tuple[int, int], Decimal]:
    """What each debtor owes each payee for DAY by its documents: (debtor pk, payee pk) -> the sum of
    its invoice bases not voided less its credit notes; pairs that come to zero are left out.

    While the day is invoiced this equals the split's transfers (the invoice bases were built from it
    and nothing may change it); once reopened it is empty: nothing stands on the day's split.
    """
    totals: dict[tuple[int, int], Decimal] = {}
    for invoice in day.invoices.exclude(status=Invoice.Status.VOID):
        key = (invoice.debtor_id, invoice.creditor_id)
        sign = -1 if invoice.is_credit_note else 1
        totals[key] = totals.get(key, Decimal("0.00")) + sign * invoice.amount
    return {key: amount for key, amount in totals.items() if amount}


def invoices_agree(day: DevelopmentDay, result: DaySplit | None = None) -> bool:
    """Whether DAY's invoice bases say what its split says (RESULT, when the caller has it)."""
    if day.is_open:
        return not invoiced(day)
    split_result = day_split(day) if result is None else result
    transfers = split_result.transfers if split_result else []
    return invoiced(day) == {(d.pk, c.pk): amount for d, c, amount in transfers}


def yearly_summary(group: SteeringGroup, year: int) -> list[dict[str, Any]]:
    """Per party: registrations, share and paid over the year's development days of GROUP.

    Three queries whatever the number of days: the days, their active registrations and their costs."""
    days = DevelopmentDay.objects.filter(group=group, date__year=year).prefetch_related(
        Prefetch(
            "registrations",
            queryset=Registration.objects.active().select_related("organisation"),
            to_attr="active_registrations",
        ),
        Prefetch("cost_items", queryset=CostItem.objects.select_related("paid_by"), to_attr="costs"),
    )
    rows: dict[int, dict[str, Any]] = {}
    for day in days:
        result = split_of(day.active_registrations, day.costs)  # type: ignore[attr-defined]
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
