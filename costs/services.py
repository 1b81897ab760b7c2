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


def _locked_day(day: DevelopmentDay) -> DevelopmentDay:
    """DAY as saved, locked until the transaction ends: two requests that change its registrations,
    costs or invoices wait for each other, so none acts on a state the other has just changed."""
    return DevelopmentDay.objects.select_for_update().get(pk=day.pk)


def _require_open(day: DevelopmentDay, message: str) -> None:
    if not day.is_open:
        raise ValidationError(message, code="closed")


def _registrations_closed() -> str:
    return _(
        "Registrations are closed: the invoice bases of this day have been prepared. "
        "A correction needs the board secretary to reopen the day."
    )


def _costs_closed() -> str:
    return _(
        "The invoice bases of this day have been prepared: its costs can no longer change. "
        "Reopen the day to correct them."
    )


@transaction.atomic
def register(
    *,
    day: DevelopmentDay,
    organisation: Organisation,
    actor: Actor,
    person: Person | None = None,
    count: int = 1,
) -> Registration:
    """Register people for DAY while its registrations are open (agreement § 9: the costs are shared by
    the number registered, so the number may not change under invoices already prepared)."""
    _require_open(_locked_day(day), _registrations_closed())
    return save_validated(Registration(day=day, organisation=organisation, person=person, count=count), actor)


@transaction.atomic
def cancel(*, registration: Registration, on: datetime.date, actor: Actor) -> Registration:
    """Cancel REGISTRATION while its day's registrations are open; a second cancel changes nothing."""
    _require_open(_locked_day(registration.day), _registrations_closed())
    registration.refresh_from_db(fields=["cancelled_on"])
    if registration.cancelled_on is not None:
        return registration
    registration.cancelled_on = on
    return save_validated(registration, actor)


def _next_numbers(year: int, count: int) -> list[str]:
    """COUNT new invoice numbers of YEAR: the year's counter is locked until this transaction ends, so
    numbers are never reused, even when an earlier day is invoiced again, and two days prepared at
    once wait for each other (#14)."""
    InvoiceCounter.objects.get_or_create(year=year)
    counter = InvoiceCounter.objects.select_for_update().get(year=year)
    used = Invoice.objects.filter(number__startswith=f"KP-{year}-").values_list("number", flat=True)
    highest = max((int(n.rsplit("-", 1)[1]) for n in used if n.rsplit("-", 1)[1].isdigit()), default=0)
    start = max(counter.last, highest) + 1
    if count:
        counter.last = start + count - 1
        counter.save(update_fields=["last"])
    return [f"KP-{year}-{n:03d}" for n in range(start, start + count)]


@transaction.atomic
def prepare_invoices(*, day: DevelopmentDay, actor: Actor, today: datetime.date) -> list[Invoice]:
    """Prepare the invoice bases of DAY from its split and close its registrations and costs.

    The day moves from open to invoiced (DevelopmentDay.TRANSITIONS): a day already invoiced is not
    invoiced again, since a party may already hold its invoice; a correction reopens the day first.
    """
    day.refresh_from_db(from_queryset=DevelopmentDay.objects.select_for_update())
    day.move_to(DevelopmentDay.Status.INVOICED)
    result = day_split(day)
    if result is None:
        raise ValidationError(_("The day has no registrations or no costs to share."))
    by_org = {p.organisation.pk: p for p in result.parties}
    numbers = _next_numbers(day.date.year, len(result.transfers))
    invoices = []
    for number, (debtor, creditor, amount) in zip(numbers, result.transfers, strict=True):
        party = by_org[debtor.pk]
        invoice = Invoice(
            day=day,
            number=number,
            debtor=debtor,
            creditor=creditor,
            registrations=party.registrations,
            share=party.share,
            amount=amount,
            due_date=today + datetime.timedelta(days=PAYMENT_TERM_DAYS),
        )
        invoices.append(save_validated(invoice, actor))
    save_validated(day, actor, "invoice bases prepared")
    return invoices


@transaction.atomic
def reopen_day(*, day: DevelopmentDay, reason: str, actor: Actor, today: datetime.date) -> list[Invoice]:
    """Reopen an invoiced DAY for a correction, with REASON; returns the credit notes it made.

    Every invoice basis that stands on the day's split is taken back, so that the split and the
    invoices agree again (nothing outstanding) until the day is invoiced anew: a draft, which no party
    has received, is voided; a sent one is credited and a credit note cancels its debt; a paid one
    stays paid (paid is final) and its credit note is the refund owed. Each credit note names the
    invoice it credits and REASON. Credit notes already made are kept: their debts stay taken back.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for reopening the day.")})
    day.refresh_from_db(from_queryset=DevelopmentDay.objects.select_for_update())
    day.move_to(DevelopmentDay.Status.OPEN)
    standing = list(
        day.invoices.select_for_update(of=("self",))
        .filter(kind=Invoice.Kind.INVOICE, credit_note__isnull=True)
        .exclude(status__in=[Invoice.Status.VOID, Invoice.Status.CREDITED])
        .order_by("number")
    )
    to_credit = [invoice for invoice in standing if invoice.status != Invoice.Status.DRAFT]
    numbers = iter(_next_numbers(day.date.year, len(to_credit)))
    credit_notes = []
    for invoice in standing:
        if invoice.status == Invoice.Status.DRAFT:
            invoice.move_to(Invoice.Status.VOID)
            save_validated(invoice, actor, reason)
            continue
        if invoice.status == Invoice.Status.SENT:
            invoice.move_to(Invoice.Status.CREDITED)
            save_validated(invoice, actor, reason)
        credit_note = Invoice(
            day=day,
            number=next(numbers),
            kind=Invoice.Kind.CREDIT_NOTE,
            credits=invoice,
            reason=reason,
            debtor=invoice.debtor,
            creditor=invoice.creditor,
            registrations=invoice.registrations,
            share=invoice.share,
            amount=invoice.amount,
            due_date=today + datetime.timedelta(days=PAYMENT_TERM_DAYS),
        )
        credit_notes.append(save_validated(credit_note, actor, reason))
    day.reopen_reason = reason
    save_validated(day, actor, reason)
    return credit_notes


@transaction.atomic
def mark_invoice(*, invoice: Invoice, status: str, on: datetime.date, actor: Actor) -> Invoice:
    """Record that INVOICE was sent or paid on ON; only forward (Invoice.TRANSITIONS), and paid is
    final. Voiding and crediting are not marked by hand: reopen_day does them for the whole day."""
    invoice.refresh_from_db(from_queryset=Invoice.objects.select_for_update())
    if status in (Invoice.Status.VOID, Invoice.Status.CREDITED):
        raise ValidationError(
            {"status": _("An invoice basis is voided or credited only by reopening its development day.")}
        )
    paying = status == Invoice.Status.PAID and invoice.can_move_to(status)
    if paying and invoice.sent_on and on < invoice.sent_on:
        raise ValidationError({"on": _("An invoice is paid on or after the day it was sent.")})
    invoice.move_to(status)
    if status == Invoice.Status.SENT:
        invoice.sent_on = on
    else:
        invoice.paid_on = on
    return save_validated(invoice, actor, f"marked {status}")


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
def create_day(
    *, group: SteeringGroup, actor: Actor, title: str, date: datetime.date, place: str = ""
) -> DevelopmentDay:
    return save_validated(DevelopmentDay(group=group, title=title, date=date, place=place), actor)


@transaction.atomic
def add_cost_item(
    *, day: DevelopmentDay, description: str, amount: Decimal, paid_by: Organisation, actor: Actor
) -> CostItem:
    """A cost of the day paid by one party; shared later by registrations (agreement § 9)."""
    day = DevelopmentDay.objects.select_for_update().select_related("group__cooperation").get(pk=day.pk)
    if not day.group.cooperation.parties().filter(pk=paid_by.pk).exists():
        raise ValidationError({"paid_by": _("Only a party of the cooperation shares the costs.")})
    _require_open(day, _costs_closed())
    return save_validated(CostItem(day=day, description=description, amount=amount, paid_by=paid_by), actor)
