"""The lifecycles of development days and invoice bases (#32 item 4).

A day is open while parties register; preparing its invoice bases closes registrations and costs; a
correction reopens it with a reason, which voids the drafts and credits what was sent, so that the
day's split and its invoices always agree. Invoice bases only move forward and paid is final. Every
move outside the transition tables is refused and changes nothing, in the services, the portal and
the admin site."""

import contextlib
import datetime
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from costs import selectors, services
from costs.models import CostItem, DevelopmentDay, Invoice, Registration
from governance.models import SteeringGroup
from tests.factories import OrganisationFactory

D = datetime.date
INVOICE_STATES = Invoice.Status.values
DAY_STATES = DevelopmentDay.Status.values
# What the secretary records by hand: sent, then paid. Voiding and crediting come with a reopening.
BY_HAND = {("draft", "sent"), ("sent", "paid")}


@pytest.fixture
def day(world):
    """700 € paid by A; A registered 3 people, B 2: B owes A 280 €."""
    group = SteeringGroup.objects.create(
        cooperation=world.area.cooperation,
        set_up_by="Lautakunta",
        set_up_on=D(2025, 3, 20),
        term_start=D(2025, 4, 1),
        term_end=D(2030, 3, 31),
    )
    day = DevelopmentDay.objects.create(group=group, date=D(2025, 10, 15), title="Kehittämispäivä")
    CostItem.objects.create(day=day, description="Tila", amount=Decimal("700.00"), paid_by=world.org_a)
    Registration.objects.create(day=day, organisation=world.org_a, count=3)
    Registration.objects.create(day=day, organisation=world.org_b, count=2)
    return day


def prepare(day, world, today=None):
    return services.prepare_invoices(day=day, actor=world.secretary, today=today or D(2025, 10, 20))


def reopen(day, world, reason="B ilmoitti yhden henkilön liikaa."):
    return services.reopen_day(day=day, reason=reason, actor=world.secretary, today=D(2025, 11, 20))


def agrees(day) -> bool:
    """The day's invoices say what its split says: each debtor owes each payee its transfer."""
    day.refresh_from_db()
    result = selectors.day_split(day)
    expected = {(d.pk, c.pk): a for d, c, a in result.transfers} if result and not day.is_open else {}
    return selectors.invoiced(day) == expected and selectors.invoices_agree(day)


def invoice_in(day, world, status, *, kind="invoice", number="KP-2025-900"):
    """An invoice basis of DAY saved in STATUS with the dates that state has."""
    credits = None
    if kind == Invoice.Kind.CREDIT_NOTE:
        credits = invoice_in(day, world, "paid", number="KP-2025-800")
    return Invoice.objects.create(
        day=day,
        number=number,
        kind=kind,
        credits=credits,
        reason="Korjaus" if credits else "",
        debtor=world.org_b,
        creditor=world.org_a,
        registrations=2,
        share=Decimal("280.00"),
        amount=Decimal("280.00"),
        due_date=D(2025, 11, 10),
        status=status,
        sent_on=D(2025, 10, 21) if status in ("sent", "paid", "credited") else None,
        paid_on=D(2025, 11, 1) if status == "paid" else None,
    )


@contextlib.contextmanager
def refused_move():
    """The move is refused by a transition table (whatever the language of the message)."""
    with pytest.raises(ValidationError) as info:
        yield
    assert info.value.error_list[0].code == "invalid_transition"


def snapshot(invoice):
    return (Invoice.objects.filter(pk=invoice.pk).values().get(), invoice.history.count())


# The transition tables, move by move


@pytest.mark.parametrize(("start", "to"), list(itertools.product(INVOICE_STATES, INVOICE_STATES)))
def test_an_invoice_basis_moves_only_as_its_table_allows(start, to):
    invoice = Invoice(status=start)
    if to in Invoice.TRANSITIONS[Invoice.Status(start)]:
        invoice.move_to(to)
        assert invoice.status == to
    else:
        with refused_move():
            invoice.move_to(to)
        assert invoice.status == start


def test_invoice_states_only_move_forward_and_paid_is_final():
    order = {"draft": 0, "sent": 1, "paid": 2, "void": 1, "credited": 2}
    for start, targets in Invoice.TRANSITIONS.items():
        assert all(order[to] > order[start] for to in targets)
    assert Invoice.TRANSITIONS[Invoice.Status.PAID] == set()
    assert ("paid", "sent") not in BY_HAND
    assert ("draft", "paid") not in BY_HAND


@pytest.mark.parametrize(("start", "to"), list(itertools.product(["draft", "sent", "paid"], INVOICE_STATES)))
def test_a_credit_note_is_sent_and_settled_but_never_voided_or_credited(start, to):
    note = Invoice(status=start, kind=Invoice.Kind.CREDIT_NOTE)
    allowed = to in Invoice.TRANSITIONS[Invoice.Status(start)] and to not in ("void", "credited")
    if allowed:
        note.move_to(to)
        assert note.status == to
    else:
        with refused_move():
            note.move_to(to)
        assert note.status == start


@pytest.mark.parametrize(("start", "to"), list(itertools.product(INVOICE_STATES, INVOICE_STATES)))
def test_marking_an_invoice_changes_it_only_by_an_allowed_move(day, world, start, to):
    invoice = invoice_in(day, world, start)
    before = snapshot(invoice)
    on = D(2025, 11, 5)
    if (start, to) in BY_HAND:
        services.mark_invoice(invoice=invoice, status=to, on=on, actor=world.secretary)
        invoice.refresh_from_db()
        assert invoice.status == to
        assert (invoice.sent_on if to == "sent" else invoice.paid_on) == on
        assert invoice.history.first().history_user == world.secretary
    else:
        with pytest.raises(ValidationError):
            services.mark_invoice(invoice=invoice, status=to, on=on, actor=world.secretary)
        assert snapshot(invoice) == before


@pytest.mark.parametrize(("start", "to"), list(itertools.product(DAY_STATES, DAY_STATES)))
def test_a_day_moves_only_as_its_table_allows(start, to):
    day = DevelopmentDay(status=start)
    if to in DevelopmentDay.TRANSITIONS[DevelopmentDay.Status(start)]:
        day.move_to(to)
        assert day.status == to
    else:
        with refused_move():
            day.move_to(to)
        assert day.status == start


@pytest.mark.parametrize(("start", "to"), list(itertools.product(DAY_STATES, DAY_STATES)))
def test_the_services_move_a_day_only_as_its_table_allows(day, world, start, to):
    if start == "invoiced":
        prepare(day, world)
    before = (day.status, list(Invoice.objects.values().order_by("pk")), day.history.count())
    move = (lambda: prepare(day, world)) if to == "invoiced" else (lambda: reopen(day, world))
    if to in DevelopmentDay.TRANSITIONS[DevelopmentDay.Status(start)]:
        move()
        day.refresh_from_db()
        assert day.status == to
        assert day.history.first().history_user == world.secretary
    else:
        with refused_move():
            move()
        day.refresh_from_db()
        assert (day.status, list(Invoice.objects.values().order_by("pk")), day.history.count()) == before
    assert agrees(day)


def test_an_invoice_is_not_paid_before_it_was_sent(day, world):
    invoice = prepare(day, world)[0]
    services.mark_invoice(invoice=invoice, status="sent", on=D(2025, 10, 21), actor=world.secretary)
    with pytest.raises(ValidationError):
        services.mark_invoice(invoice=invoice, status="paid", on=D(2025, 10, 20), actor=world.secretary)
    invoice.refresh_from_db()
    assert invoice.status == "sent"


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "lost"},
        {"status": "sent"},  # no sending day
        {"status": "draft", "sent_on": D(2025, 10, 21)},
        {"status": "sent", "sent_on": D(2025, 10, 21), "paid_on": D(2025, 11, 1)},  # paid -> sent
        {"status": "paid", "paid_on": D(2025, 11, 1)},  # draft -> paid
        {"kind": "credit_note"},  # credits nothing, no reason
    ],
)
def test_the_database_refuses_a_state_the_lifecycle_cannot_reach(day, world, fields):
    from django.db import IntegrityError, transaction

    values = {
        "day": day,
        "number": "KP-2025-950",
        "debtor": world.org_b,
        "creditor": world.org_a,
        "registrations": 2,
        "share": Decimal("280.00"),
        "amount": Decimal("280.00"),
        "due_date": D(2025, 11, 10),
        **fields,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Invoice.objects.create(**values)
    with pytest.raises(IntegrityError), transaction.atomic():
        DevelopmentDay.objects.filter(pk=day.pk).update(status="closed")


# Registrations and costs close with the invoices


def test_registrations_close_when_the_invoices_are_prepared(day, world):
    prepare(day, world)
    registration = Registration.objects.get(organisation=world.org_b)
    with translation.override("fi"):
        with pytest.raises(ValidationError, match="Ilmoittautuminen on suljettu"):
            services.register(day=day, organisation=world.org_b, count=1, actor=world.editor_b)
        with pytest.raises(ValidationError, match="Ilmoittautuminen on suljettu"):
            services.cancel(registration=registration, on=D(2025, 10, 22), actor=world.editor_b)
        with pytest.raises(ValidationError, match="laskutusperusteet on muodostettu"):
            services.add_cost_item(
                day=day, description="Lisä", amount=Decimal(1), paid_by=world.org_a, actor=world.secretary
            )
    assert Registration.objects.filter(day=day).count() == 2
    assert Registration.objects.active().count() == 2
    assert CostItem.objects.count() == 1
    assert agrees(day)


def test_a_day_without_registrations_is_not_invoiced_and_stays_open(day, world):
    Registration.objects.all().delete()
    with pytest.raises(ValidationError):
        prepare(day, world)
    day.refresh_from_db()
    assert day.is_open
    assert not Invoice.objects.exists()


# Corrections: a reopened day with its reason


def test_reopening_voids_drafts_and_credits_what_was_sent_so_the_split_and_invoices_agree(day, world):
    kela = OrganisationFactory(name_fi="Kansaneläkelaitos")
    Registration.objects.create(day=day, organisation=kela, count=2)
    first, second = prepare(day, world)  # B owes A 200 €, Kela 200 €
    assert agrees(day)
    services.mark_invoice(invoice=first, status="sent", on=D(2025, 10, 21), actor=world.secretary)
    services.mark_invoice(invoice=first, status="paid", on=D(2025, 10, 30), actor=world.secretary)

    notes = reopen(day, world)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("paid", "void")  # paid is final; a draft nobody had
    [note] = notes
    assert (note.credits, note.amount, note.reason) == (
        first,
        first.amount,
        "B ilmoitti yhden henkilön liikaa.",
    )
    assert (note.debtor, note.creditor, note.status) == (first.debtor, first.creditor, "draft")
    assert day.reopen_reason == "B ilmoitti yhden henkilön liikaa."
    assert agrees(day)  # nothing outstanding while the day is open

    services.cancel(
        registration=Registration.objects.get(organisation=world.org_b),
        on=D(2025, 11, 21),
        actor=world.editor_b,
    )
    again = prepare(day, world, today=D(2025, 11, 22))
    assert agrees(day)
    assert [i.number for i in again] == ["KP-2025-004"]  # numbers are never reused
    assert {i.debtor for i in again} == {kela}


def test_a_sent_invoice_is_credited_and_a_second_reopening_credits_nothing_twice(day, world):
    [invoice] = prepare(day, world)
    services.mark_invoice(invoice=invoice, status="sent", on=D(2025, 10, 21), actor=world.secretary)
    [note] = reopen(day, world)
    invoice.refresh_from_db()
    assert invoice.status == "credited"
    assert not invoice.is_overdue(D(2026, 1, 1))  # a credited invoice is not chased
    services.mark_invoice(invoice=note, status="sent", on=D(2025, 11, 21), actor=world.secretary)
    [again] = prepare(day, world, today=D(2025, 11, 22))
    assert again.amount == invoice.amount
    services.mark_invoice(invoice=again, status="sent", on=D(2025, 11, 23), actor=world.secretary)
    services.mark_invoice(invoice=again, status="paid", on=D(2025, 11, 30), actor=world.secretary)
    assert len(reopen(day, world, reason="Toinen korjaus")) == 1  # only the new one is credited
    assert Invoice.objects.filter(kind="credit_note").count() == 2
    assert agrees(day)


def test_reopening_needs_a_reason_and_writes_it_into_the_history(day, world):
    [invoice] = prepare(day, world)
    with pytest.raises(ValidationError):
        reopen(day, world, reason="   ")
    day.refresh_from_db()
    assert day.status == "invoiced"
    reopen(day, world)
    invoice.refresh_from_db()
    latest = invoice.history.first()
    assert (latest.status, latest.history_user) == ("void", world.secretary)
    assert day.history.first().reopen_reason == "B ilmoitti yhden henkilön liikaa."


# The portal offers only the legal moves


def test_the_secretary_sees_only_the_next_moves_of_each_invoice(day, world, as_secretary):
    [invoice] = prepare(day, world)
    url = reverse("day-detail", args=[day.pk])
    page = as_secretary.get(url).text
    assert '<option value="sent">' in page
    assert '<option value="paid">' not in page
    assert reverse("day-invoices", args=[day.pk]) not in page  # not prepared twice
    assert reverse("day-reopen", args=[day.pk]) in page
    services.mark_invoice(invoice=invoice, status="sent", on=D(2025, 10, 21), actor=world.secretary)
    page = as_secretary.get(url).text
    assert '<option value="paid">' in page
    assert '<option value="sent">' not in page
    services.mark_invoice(invoice=invoice, status="paid", on=D(2025, 10, 30), actor=world.secretary)
    assert reverse("invoice-status", args=[invoice.pk]) not in as_secretary.get(url).text


@pytest.mark.parametrize("status", ["paid", "void", "credited", "draft", "lost"])
def test_an_illegal_move_posted_to_the_portal_is_refused_and_changes_nothing(
    day, world, as_secretary, status
):
    [invoice] = prepare(day, world)
    before = snapshot(invoice)
    url = reverse("invoice-status", args=[invoice.pk])
    assert as_secretary.post(url, {"status": status, "on": "2025-10-21"}).status_code == 400
    assert snapshot(invoice) == before


def test_preparing_twice_in_the_portal_is_refused(day, world, as_secretary):
    prepare(day, world)
    response = as_secretary.post(reverse("day-invoices", args=[day.pk]))
    assert response.status_code == 400
    assert Invoice.objects.count() == 1


def test_an_editor_cannot_register_or_cancel_once_the_invoices_are_prepared(day, world, as_editor_b):
    prepare(day, world)
    page = as_editor_b.get(reverse("day-detail", args=[day.pk])).text
    assert "Ilmoittautuminen on suljettu" in page
    assert reverse("day-register", args=[day.pk]) not in page
    registration = Registration.objects.get(organisation=world.org_b)
    assert reverse("registration-cancel", args=[registration.pk]) not in page

    refused = as_editor_b.post(
        reverse("day-register", args=[day.pk]), {"organisation": world.org_b.pk, "count": 1}
    )
    assert refused.status_code == 400
    assert "Ilmoittautuminen on suljettu" in refused.text
    refused = as_editor_b.post(reverse("registration-cancel", args=[registration.pk]))
    assert refused.status_code == 400
    assert "Ilmoittautuminen on suljettu" in refused.text
    registration.refresh_from_db()
    assert registration.cancelled_on is None
    assert Registration.objects.count() == 2
    assert agrees(day)


def test_the_secretary_reopens_a_day_with_a_reason_in_the_portal(day, world, as_secretary, as_editor_b):
    [invoice] = prepare(day, world)
    url = reverse("day-reopen", args=[day.pk])
    assert as_secretary.get(url).status_code == 200
    assert as_secretary.post(url, {"reason": ""}).status_code == 400
    day.refresh_from_db()
    assert day.status == "invoiced"
    assert as_secretary.post(url, {"reason": "Väärä määrä"}).status_code == 302
    day.refresh_from_db()
    invoice.refresh_from_db()
    assert (day.status, day.reopen_reason, invoice.status) == ("open", "Väärä määrä", "void")
    assert as_secretary.post(url, {"reason": "Uudestaan"}).status_code == 400  # already open
    # registrations are open again
    response = as_editor_b.post(
        reverse("day-register", args=[day.pk]), {"organisation": world.org_b.pk, "count": 1}
    )
    assert response.status_code == 302
    assert agrees(day)


@pytest.mark.parametrize("persona", ["as_editor_a", "as_member", "as_outsider"])
def test_only_the_secretary_reopens_and_marks_and_an_outsider_finds_nothing(request, day, world, persona):
    client = request.getfixturevalue(persona)
    [invoice] = prepare(day, world)
    registration = Registration.objects.get(organisation=world.org_a)
    expected = 404 if persona == "as_outsider" else 403
    assert client.get(reverse("day-reopen", args=[day.pk])).status_code == expected
    assert client.post(reverse("day-reopen", args=[day.pk]), {"reason": "x"}).status_code == expected
    posted = client.post(reverse("invoice-status", args=[invoice.pk]), {"status": "sent", "on": "2025-10-21"})
    assert posted.status_code == expected
    if persona != "as_editor_a":  # A's editor may cancel A's registration; the day's state refuses it
        assert client.post(reverse("registration-cancel", args=[registration.pk])).status_code == expected
    if persona == "as_outsider":
        assert client.get(reverse("day-detail", args=[day.pk])).status_code == 404
        assert client.get(reverse("invoice-pdf", args=[invoice.pk])).status_code == 404
    day.refresh_from_db()
    invoice.refresh_from_db()
    assert (day.status, invoice.status) == ("invoiced", "draft")


# The admin site cannot move past the lifecycle either


def test_the_admin_site_cannot_change_an_invoice_or_a_days_state(day, world, as_secretary):
    [invoice] = prepare(day, world)
    invoice_url = reverse("admin:costs_invoice_change", args=[invoice.pk])
    assert as_secretary.get(invoice_url).status_code == 200
    as_secretary.post(invoice_url, {"status": "paid", "paid_on": "2025-10-21"})
    invoice.refresh_from_db()
    assert invoice.status == "draft"
    day_url = reverse("admin:costs_developmentday_change", args=[day.pk])
    page = as_secretary.get(day_url)
    assert page.status_code == 200
    assert 'name="status"' not in page.text
    assert 'name="registrations-0-count"' not in page.text  # an invoiced day's registrations are read
    first = day.history.last()
    revert = reverse("admin:costs_developmentday_simple_history", args=[day.pk, first.history_id])
    assert as_secretary.post(revert, {"title": day.title, "date": "2025-10-15"}).status_code == 403
    day.refresh_from_db()
    assert day.status == "invoiced"
