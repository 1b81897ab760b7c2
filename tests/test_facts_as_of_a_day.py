"""Facts as of a day (#32 item 3): rules, pages, PDFs and reports read the records as they stood on the
day they describe. A seat counts from its start date to its end date, both included, however far ahead
its end is recorded; the annual report of a year tells the group as it was on 31.12. of that year."""

import datetime

import time_machine
from django.urls import reverse

from agreements import consistency_rules
from agreements.models import Agreement
from governance import compliance, selectors, services
from governance.models import LeadershipAppointment, Membership
from tests.factories import OrganisationFactory, ParticipationFactory, PersonFactory
from tests.tools import pdf_text

D = datetime.date
NOW = "2026-03-20 10:00 +0200"
TODAY = D(2026, 3, 20)
LAST_DAY = D(2026, 4, 19)  # the last day of a seat ending next month
DAY_AFTER = LAST_DAY + datetime.timedelta(days=1)


def rules(group, day: datetime.date) -> set[str]:
    return {finding.rule for finding in compliance.evaluate(group, day)}


def chair_on(group, day: datetime.date) -> str | None:
    for block in selectors.composition(compliance.GroupFacts(group, day)):
        for row in block.rows:
            if row.member.role == Membership.Role.CHAIR:
                return row.member.person.full_name
    return None


def composition_on_the_page(client, group) -> str:
    text = client.get(reverse("group-detail", args=[group.pk])).text
    return text[text.index('id="composition-heading"') : text.index('id="leadership-heading"')]


def composition_in_the_pdf(client, group, tmp_path) -> str:
    response = client.get(reverse("group-pdf", args=[group.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    return text[text.index("Jäsenet ja henkilökohtaiset varajäsenet") : text.index("Nimeämispäätökset")]


def end_the_chairs_seat_next_month(group_world) -> None:
    services.end_seat(
        seat=group_world.chair, end_date=LAST_DAY, reason=Membership.EndReason.RESIGNED, actor=None
    )


@time_machine.travel(NOW, tick=False)
def test_a_chair_whose_seat_ends_next_month_still_counts_today(group_world, as_member, tmp_path):
    group = group_world.group
    end_the_chairs_seat_next_month(group_world)

    assert not rules(group, TODAY) & {"SG-CHAIR", "SG-PARTIES", "SG-DEPUTY"}
    assert chair_on(group, TODAY) == "A1 Henkilöa1"
    page = composition_on_the_page(as_member, group)
    assert "A1 Henkilöa1" in page
    assert "päättyy 19.4.2026" in page  # the reader sees the end coming
    assert "A1 Henkilöa1" in composition_in_the_pdf(as_member, group, tmp_path)

    with time_machine.travel(f"{DAY_AFTER} 10:00 +0300", tick=False):
        assert "A1 Henkilöa1" not in composition_on_the_page(as_member, group)
        text = as_member.get(reverse("group-detail", args=[group.pk])).text
        assert "A1 Henkilöa1" in text[text.index('id="ended-heading"') :]


def test_the_chairs_seat_counts_on_its_last_day_and_not_after(group_world):
    group = group_world.group
    end_the_chairs_seat_next_month(group_world)

    assert not rules(group, LAST_DAY) & {"SG-CHAIR", "SG-PARTIES"}
    assert {"SG-CHAIR", "SG-PARTIES"} <= rules(group, DAY_AFTER)
    assert chair_on(group, DAY_AFTER) is None


@time_machine.travel(NOW, tick=False)
def test_a_successor_seated_from_next_month_does_not_count_today(group_world, world, as_member):
    group = group_world.group
    successor = PersonFactory(organisation=world.org_a, first_name="Seuraaja", last_name="Uusi")
    services.replace_member(seat=group_world.chair, successor=successor, start_date=DAY_AFTER, actor=None)

    assert chair_on(group, TODAY) == "A1 Henkilöa1"
    assert "Seuraaja Uusi" not in composition_on_the_page(as_member, group)
    assert chair_on(group, DAY_AFTER) == "Seuraaja Uusi"
    assert "SG-CHAIR" not in rules(group, TODAY) | rules(group, DAY_AFTER)


def test_a_member_seated_from_next_month_is_not_asked_for_a_deputy_today(group_world):
    group = group_world.group
    services.seat_member(
        nomination=group_world.nomination_b, person=group_world.people["b3"], start_date=DAY_AFTER, actor=None
    )

    assert "SG-DEPUTY" not in rules(group, TODAY)
    assert "SG-DEPUTY" in rules(group, DAY_AFTER)


def test_a_leading_person_leaving_next_month_is_still_in_office_today(group_world):
    group = group_world.group
    LeadershipAppointment.objects.filter(group=group, capacity="leading").update(ended_on=LAST_DAY)

    assert "SG-LEADER" not in rules(group, TODAY)
    assert "SG-LEADER" not in rules(group, LAST_DAY)
    assert "SG-LEADER" in rules(group, DAY_AFTER)


def test_a_county_joining_next_month_is_not_a_party_today(group_world, world):
    county = OrganisationFactory(name_fi="Hyvinvointialue C")
    ParticipationFactory(area=world.area, organisation=county, joined_on=DAY_AFTER)

    assert "SG-PARTIES" not in rules(group_world.group, TODAY)
    assert "SG-PARTIES" in rules(group_world.group, DAY_AFTER)


def test_the_agreement_of_a_day_is_the_one_not_yet_ended_on_it(world):
    cooperation = world.area.cooperation
    old = Agreement.objects.create(
        cooperation=cooperation,
        title="Vanha",
        status="ended",
        in_force_from=D(2025, 3, 1),
        ends_on=D(2025, 12, 31),
    )
    new = Agreement.objects.create(cooperation=cooperation, title="Uusi")

    assert consistency_rules.current_agreement_id(cooperation.pk, D(2025, 12, 31)) == old.pk
    assert consistency_rules.current_agreement_id(cooperation.pk, D(2026, 1, 1)) == new.pk


@time_machine.travel(NOW, tick=False)
def test_last_years_report_tells_the_group_as_it_was_at_the_years_end(
    group_world, world, as_member, tmp_path
):
    group = group_world.group
    url = reverse("annual-report", args=[group.pk, 2025])
    before = pdf_text(as_member.get(url).content, tmp_path)

    # 2026: the chair is succeeded, Kela's member leaves, a new member joins
    successor = PersonFactory(organisation=world.org_a, first_name="Seuraaja", last_name="Uusi")
    services.replace_member(seat=group_world.chair, successor=successor, start_date=D(2026, 2, 1), actor=None)
    services.end_seat(
        seat=group_world.kela_member, end_date=D(2026, 3, 1), reason=Membership.EndReason.RESIGNED, actor=None
    )
    services.seat_member(
        nomination=group_world.nomination_b,
        person=group_world.people["b3"],
        start_date=D(2026, 3, 2),
        actor=None,
    )
    after = pdf_text(as_member.get(url).content, tmp_path)

    assert after == before
    assert "Kokoonpano 31.12.2025" in after
    for name in ["A1 Henkilöa1", "K1 Henkilök1"]:
        assert name in after
    for name in ["Seuraaja Uusi", "B3 Henkilöb3"]:
        assert name not in after
    # while the page tells today's group
    page = composition_on_the_page(as_member, group)
    for name in ["Seuraaja Uusi", "B3 Henkilöb3"]:
        assert name in page
    for name in ["A1 Henkilöa1", "K1 Henkilök1"]:
        assert name not in page


def test_the_database_and_python_agree_on_which_records_count_on_a_day(group_world, world):
    group = group_world.group
    person = PersonFactory(organisation=world.org_b)
    services.seat_member(
        nomination=group_world.nomination_b, person=person, start_date=D(2026, 1, 1), actor=None
    )
    services.end_seat(seat=group_world.kela_member, end_date=D(2026, 1, 31), reason="resigned", actor=None)
    LeadershipAppointment.objects.filter(group=group, capacity="deputy").update(ended_on=D(2026, 1, 31))
    days = [D(2025, 5, 31), D(2025, 6, 1), D(2025, 12, 31), D(2026, 1, 1), D(2026, 1, 31), D(2026, 2, 1)]
    for model in (Membership, LeadershipAppointment):
        rows = list(model.objects.filter(group=group))
        for day in days:
            in_database = set(model.objects.filter(group=group).on(day))
            assert in_database == {row for row in rows if row.in_force_on(day)}, (model, day)
