import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from costs import selectors, services
from costs.models import CostItem, DevelopmentDay, Invoice, Registration
from tests.factories import PersonFactory
from tests.tools import pdf_text

D = datetime.date


@pytest.fixture
def day(group_world, world):
    day = DevelopmentDay.objects.create(
        group=group_world.group, date=D(2025, 10, 15), title="Kehittämispäivä"
    )
    CostItem.objects.create(day=day, description="Tila", amount=Decimal("700.00"), paid_by=world.org_a)
    Registration.objects.create(day=day, organisation=world.org_a, count=3)
    Registration.objects.create(day=day, organisation=world.org_b, count=2)
    Registration.objects.create(day=day, organisation=group_world.kela, count=2)
    return day


def test_the_payer_invoices_each_other_party_its_share(day, world, group_world):
    result = selectors.day_split(day)
    shares = {p.organisation.name_fi: p.share for p in result.parties}
    assert shares == {
        "Kaupunki A": Decimal("300.00"),
        "Hyvinvointialue B": Decimal("200.00"),
        "Kansaneläkelaitos": Decimal("200.00"),
    }
    assert [(d.name_fi, c.name_fi, a) for d, c, a in result.transfers] == [
        ("Hyvinvointialue B", "Kaupunki A", Decimal("200.00")),
        ("Kansaneläkelaitos", "Kaupunki A", Decimal("200.00")),
    ]


def test_a_cancelled_registration_no_longer_counts(day, world):
    registration = Registration.objects.get(organisation=world.org_b)
    services.cancel(registration=registration, on=D(2025, 10, 1), actor=world.editor_b)
    shares = {p.organisation.name_fi: p.share for p in selectors.day_split(day).parties}
    # B paid nothing and no longer takes part: the 700 € fall on A's 3 and Kela's 2 people.
    assert shares == {"Kaupunki A": Decimal("420.00"), "Kansaneläkelaitos": Decimal("280.00")}


def test_invoice_bases_are_numbered_and_cannot_be_rebuilt_once_sent(day, world):
    invoices = services.prepare_invoices(day=day, actor=world.secretary, today=D(2025, 10, 20))
    assert [i.number for i in invoices] == ["KP-2025-001", "KP-2025-002"]
    assert invoices[0].due_date == D(2025, 11, 10)
    services.mark_invoice(invoice=invoices[0], status="sent", on=D(2025, 10, 21), actor=world.secretary)
    with pytest.raises(ValidationError):
        services.prepare_invoices(day=day, actor=world.secretary, today=D(2025, 10, 22))
    assert Invoice.objects.count() == 2


def test_a_sent_invoice_past_its_due_date_is_overdue(day, world):
    invoice = services.prepare_invoices(day=day, actor=world.secretary, today=D(2025, 10, 20))[0]
    assert not invoice.is_overdue(D(2025, 12, 1))  # a draft is not overdue
    services.mark_invoice(invoice=invoice, status="sent", on=D(2025, 10, 21), actor=world.secretary)
    assert not invoice.is_overdue(D(2025, 11, 10))
    assert invoice.is_overdue(D(2025, 11, 11))
    services.mark_invoice(invoice=invoice, status="paid", on=D(2025, 11, 12), actor=world.secretary)
    assert not invoice.is_overdue(D(2025, 12, 1))


@pytest.mark.parametrize("amount", [Decimal("-5.00"), Decimal("0.00")])
def test_a_cost_that_is_not_positive_is_refused_in_finnish(day, world, amount):
    from django.utils import translation

    item = CostItem(day=day, description="X", amount=amount, paid_by=world.org_a)
    with translation.override("fi"), pytest.raises(ValidationError) as info:
        item.full_clean()
    with translation.override("fi"):
        assert "Summan on oltava enemmän kuin nolla euroa." in info.value.messages


def test_a_cost_with_more_than_two_decimals_is_refused(day, world):
    item = CostItem(day=day, description="X", amount=Decimal("1.005"), paid_by=world.org_a)
    with pytest.raises(ValidationError):
        item.full_clean()


def test_a_person_is_registered_once_and_from_their_own_organisation(day, world):
    person = PersonFactory(organisation=world.org_a)
    services.register(day=day, organisation=world.org_a, person=person, actor=world.editor_a)
    with pytest.raises(ValidationError):
        services.register(day=day, organisation=world.org_a, person=person, actor=world.editor_a)
    with pytest.raises(ValidationError):
        services.register(
            day=day,
            organisation=world.org_b,
            person=PersonFactory(organisation=world.org_a),
            actor=world.editor_a,
        )


def test_an_editor_registers_only_their_own_organisation(day, world, as_editor_a):
    url = reverse("day-register", args=[day.pk])
    refused = as_editor_a.post(url, {"organisation": world.org_b.pk, "count": 5})
    assert refused.status_code == 400
    assert not Registration.objects.filter(organisation=world.org_b, count=5).exists()
    accepted = as_editor_a.post(url, {"organisation": world.org_a.pk, "count": 4})
    assert accepted.status_code == 302
    assert Registration.objects.filter(organisation=world.org_a, count=4).exists()


def test_an_editor_cannot_cancel_another_organisations_registration(day, world, as_editor_a):
    registration = Registration.objects.get(organisation=world.org_b)
    assert as_editor_a.post(reverse("registration-cancel", args=[registration.pk])).status_code == 403
    registration.refresh_from_db()
    assert registration.cancelled_on is None


def test_a_member_sees_the_day_but_cannot_register_or_invoice(day, as_member):
    page = as_member.get(reverse("day-detail", args=[day.pk]))
    assert page.status_code == 200
    assert "700,00" in page.text  # the total, written the Finnish way
    assert as_member.post(reverse("day-register", args=[day.pk]), {"count": 1}).status_code == 403
    assert as_member.post(reverse("day-invoices", args=[day.pk])).status_code == 403


def test_an_outsider_cannot_see_the_day(day, as_outsider):
    assert as_outsider.get(reverse("day-detail", args=[day.pk])).status_code == 404


def test_the_costs_page_shows_the_principles_and_the_yearly_summary(day, group_world, as_member):
    from costs.models import CostPrinciple

    CostPrinciple.objects.create(
        cooperation=group_world.group.cooperation,
        text_fi="Jämsän kaupunki vastaa johtavan henkilön kustannuksista.",
    )
    page = as_member.get(reverse("group-costs", args=[group_world.group.pk]), {"year": 2025})
    assert "Jämsän kaupunki vastaa johtavan henkilön kustannuksista." in page.text
    assert "Kaupunki A" in page.text


def test_the_invoice_basis_pdf_has_the_numbers_of_the_page(day, world, as_secretary, tmp_path):
    invoice = services.prepare_invoices(day=day, actor=world.secretary, today=D(2025, 10, 20))[0]
    response = as_secretary.get(reverse("invoice-pdf", args=[invoice.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "KP-2025-001" in text
    assert "Hyvinvointialue B" in text
    assert "200,00" in text
    assert "700,00" in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"total": "1000.00", "counts": "A:3,B:2,C:2"}, {"A": "428.57", "B": "285.72", "C": "285.71"}),
        ({"total": "0.01", "counts": "A:1,B:1"}, {"A": "0.01", "B": "0.00"}),
    ],
)
def test_the_what_if_api_splits_exactly(client, db, query, expected):
    response = client.get(reverse("cost-split-api"), query)
    assert response.status_code == 200
    assert response.json()["shares"] == expected


@pytest.mark.parametrize(
    "query",
    [
        {"total": "-1", "counts": "A:1"},
        {"total": "abc", "counts": "A:1"},
        {"total": "NaN", "counts": "A:1"},
        {"total": "10.001", "counts": "A:1"},
        {"total": "10", "counts": "A:0,B:0"},
        {"total": "10", "counts": ""},
        {"total": "10", "counts": "A3,B:2"},
        {"total": "10", "counts": "A:x"},
        {"total": "10", "counts": "A:1,A:2"},
    ],
)
def test_the_what_if_api_refuses_bad_input_with_400(client, db, query):
    response = client.get(reverse("cost-split-api"), query)
    assert response.status_code == 400
    assert response.json()["error"]


def test_the_demo_day_is_marked_as_example_data(db):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    day = DevelopmentDay.objects.get()
    assert day.is_example
    assert sum(p.share for p in selectors.day_split(day).parties) == Decimal("1062.50")


@pytest.mark.parametrize("days", [1, 10])
def test_the_yearly_summary_takes_the_same_queries_for_one_day_as_for_ten(
    group_world, world, days, django_assert_num_queries
):
    for n in range(days):
        day = DevelopmentDay.objects.create(group=group_world.group, date=D(2025, n + 1, 15), title="Päivä")
        CostItem.objects.create(day=day, description="Tila", amount=Decimal("100.00"), paid_by=world.org_a)
        Registration.objects.create(day=day, organisation=world.org_a, count=1)
        Registration.objects.create(day=day, organisation=world.org_b, count=1)
    # 1. the year's days, 2. their active registrations with the organisations, 3. their costs with
    # who paid them
    with django_assert_num_queries(3):
        summary = selectors.yearly_summary(group_world.group, 2025)
    assert {row["organisation"].name_fi: (row["share"], row["paid"]) for row in summary} == {
        "Kaupunki A": (Decimal(50 * days), Decimal(100 * days)),
        "Hyvinvointialue B": (Decimal(50 * days), Decimal(0)),
    }
