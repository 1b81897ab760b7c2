"""Reads and writes for development days: the split of a day's costs and the invoice bases."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.writes import Actor, save_validated
from costs import selectors
from costs.models import CostItem, DevelopmentDay, Invoice, InvoiceCounter, Registration
from governance.models import SteeringGroup
from organisations.models import Organisation, Person

PAYMENT_TERM_DAYS = 21


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
    result = selectors.day_split(day)
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
