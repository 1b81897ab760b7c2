"""Each rule of the steering group's composition, with a case that passes (the compliant baseline)
and a case that fails."""

import datetime

import pytest
import time_machine
from django.utils import translation

from governance import compliance, services
from governance.models import LeadershipAppointment, Membership, StatutoryParameters
from organisations.models import Organisation
from tests.factories import OrganisationFactory, PersonFactory

TODAY = datetime.date(2026, 11, 28)
YESTERDAY = TODAY - datetime.timedelta(days=1)  # a seat's end date is its last day: it counts on it


@pytest.fixture(autouse=True)
def in_english():
    # The rules' messages are compared in English here; the Finnish texts are tested in the views.
    with translation.override("en"):
        yield


def findings(group, rule=None):
    result = compliance.evaluate(group, TODAY)
    return [f for f in result if rule is None or f.rule == rule]


def test_the_compliant_baseline_has_no_findings(group_world):
    # The agreement's rules (AG-*) are tested with the agreement; this baseline has none recorded.
    assert [f for f in findings(group_world.group) if f.rule.startswith("SG-")] == []


def test_every_finding_carries_a_citation_and_a_known_severity(group_world):
    group_world.group.term_start = None
    group_world.group.save()
    found = findings(group_world.group)
    assert "SG-TERM" in {f.rule for f in found}  # a group without a term is a finding
    for finding in found:
        assert finding.citation
        assert finding.severity in {"error", "warning", "info"}


def test_a_required_party_without_a_member_is_an_error(group_world, world):
    services.end_seat(
        seat=group_world.kela_member, end_date=YESTERDAY, reason="resigned", actor=world.secretary
    )
    [finding] = findings(group_world.group, "SG-PARTIES")
    assert finding.severity == "error"
    assert "Kansaneläkelaitos" in finding.message


def test_each_wellbeing_county_of_the_area_is_required(group_world, world):
    from tests.factories import ParticipationFactory

    second = ParticipationFactory(
        area=world.area,
        organisation=OrganisationFactory(
            kind=Organisation.Kind.WELLBEING_COUNTY, name_fi="Toinen hyvinvointialue"
        ),
    ).organisation
    assert [f.message for f in findings(group_world.group, "SG-PARTIES")] == [
        f"{second.name_fi} has no member in the steering group."
    ]


def test_a_member_without_a_personal_deputy_is_an_error(group_world, world):
    services.seat_member(
        nomination=group_world.nomination_b, person=group_world.people["b3"], actor=world.secretary
    )
    [finding] = findings(group_world.group, "SG-DEPUTY")
    assert "B3 Henkilöb3" in finding.message


def test_a_municipal_representative_needs_no_personal_deputy(group_world, world):
    town = OrganisationFactory(kind=Organisation.Kind.MUNICIPALITY, name_fi="Keuruun kaupunki")
    nomination = services.record_nomination(
        group=group_world.group,
        organisation=town,
        actor=world.secretary,
        decided_by_body="Kaupunginhallitus",
        decided_on=TODAY,
    )
    services.seat_member(
        nomination=nomination,
        person=PersonFactory(organisation=town),
        role=Membership.Role.MUNICIPAL,
        actor=world.secretary,
    )
    assert findings(group_world.group, "SG-DEPUTY") == []


def test_a_group_without_a_chair_is_an_error(group_world, world):
    services.end_seat(seat=group_world.chair, end_date=YESTERDAY, reason="resigned", actor=world.secretary)
    assert [f.message for f in findings(group_world.group, "SG-CHAIR")] == [
        "The steering group has no chair."
    ]


def test_a_chair_from_a_wellbeing_county_is_an_error(group_world, world):
    services.end_seat(seat=group_world.chair, end_date=YESTERDAY, reason="resigned", actor=world.secretary)
    services.seat_member(
        nomination=group_world.nomination_b,
        person=group_world.people["b3"],
        role=Membership.Role.CHAIR,
        deputy=group_world.people["b4"],
        actor=world.secretary,
    )
    messages = [f.message for f in findings(group_world.group, "SG-CHAIR")]
    assert len(messages) == 2
    assert "not the employment authority" in messages[0]
    assert "named chair by Hyvinvointialue B" in messages[1]


def test_an_unrecorded_designation_of_the_chair_is_an_error(group_world):
    Membership.objects.filter(pk=group_world.chair.pk).update(role_named_in=None)
    [finding] = findings(group_world.group, "SG-CHAIR")
    assert "is not recorded" in finding.message


def test_a_vice_chair_from_the_employment_authority_is_an_error(group_world, world):
    services.end_seat(
        seat=group_world.vice_chair, end_date=YESTERDAY, reason="resigned", actor=world.secretary
    )
    services.seat_member(
        nomination=group_world.nomination_a,
        person=group_world.people["a3"],
        role=Membership.Role.VICE_CHAIR,
        actor=world.secretary,
    )
    messages = [f.message for f in findings(group_world.group, "SG-VICE-CHAIR")]
    assert any("not a wellbeing services county" in m for m in messages)


def test_an_unrecorded_term_is_an_error(group_world):
    group_world.group.term_end = None
    group_world.group.save()
    assert len(findings(group_world.group, "SG-TERM")) == 1


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (datetime.date(2030, 3, 31), 0),  # exactly five years
        (datetime.date(2030, 4, 1), 1),  # one day too long
    ],
)
def test_the_term_may_last_five_years(group_world, end, expected):
    group_world.group.term_end = end
    group_world.group.save()
    assert len(findings(group_world.group, "SG-TERM")) == expected


def test_the_term_limit_is_data_not_a_constant(group_world):
    StatutoryParameters.objects.create(valid_from=datetime.date(2025, 1, 1), term_years=6, source="test")
    group_world.group.term_end = datetime.date(2031, 3, 31)
    group_world.group.save()
    assert findings(group_world.group, "SG-TERM") == []


def test_open_seats_after_the_term_are_a_warning_unless_they_serve_until_a_successor(group_world):
    later = datetime.date(2030, 6, 1)
    with time_machine.travel(datetime.datetime(2030, 6, 1, 12, tzinfo=datetime.UTC)):
        result = [f for f in compliance.evaluate(group_world.group, later) if f.rule == "SG-SEATS-AFTER-TERM"]
    assert len(result) == 6
    assert {f.severity for f in result} == {"warning"}
    Membership.objects.update(serves_until_successor=True)
    assert [f for f in compliance.evaluate(group_world.group, later) if f.rule == "SG-SEATS-AFTER-TERM"] == []


@pytest.mark.parametrize(
    ("capacity", "message"),
    [
        ("leading", "No leading person has been named."),
        ("deputy", "No deputy for the leading person has been named."),
    ],
)
def test_a_missing_leading_person_or_deputy_is_an_error(group_world, capacity, message):
    LeadershipAppointment.objects.filter(capacity=capacity).delete()
    assert [f.message for f in findings(group_world.group, "SG-LEADER")] == [message]


def test_a_leading_person_outliving_a_shortened_group_term_is_an_error(group_world):
    group_world.group.term_end = datetime.date(2029, 12, 31)
    group_world.group.save()
    assert len(findings(group_world.group, "SG-LEADER-APPROVAL")) == 2


def test_a_business_id_failing_its_check_digit_is_an_error(group_world, world):
    Organisation.objects.filter(pk=world.org_a.pk).update(business_id="1068366-0")
    [finding] = findings(group_world.group, "SG-BUSINESS-ID")
    assert "1068366-0" in finding.message


def test_a_missing_business_id_is_an_error(group_world):
    Organisation.objects.filter(pk=group_world.kela.pk).update(business_id="")
    assert len(findings(group_world.group, "SG-BUSINESS-ID")) == 1


def test_a_seat_without_a_nomination_and_a_nomination_without_a_date_are_warnings(group_world):
    Membership.objects.filter(pk=group_world.kela_member.pk).update(nomination=None)
    group_world.nomination_a.decided_on = None
    group_world.nomination_a.save()
    messages = [f.message for f in findings(group_world.group, "SG-NOMINATION")]
    assert len(messages) == 2
    assert {f.severity for f in findings(group_world.group, "SG-NOMINATION")} == {"warning"}


def test_an_unrecorded_set_up_decision_is_a_warning(group_world):
    group_world.group.set_up_on = None
    group_world.group.save()
    [finding] = findings(group_world.group, "SG-SET-UP")
    assert finding.severity == "warning"


def test_evaluation_costs_the_same_queries_however_many_seats(group_world, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        compliance.evaluate(group_world.group, TODAY)
    for _ in range(5):
        member = PersonFactory(organisation=world.org_a)
        deputy = PersonFactory(organisation=world.org_a)
        services.seat_member(nomination=group_world.nomination_a, person=member, deputy=deputy, actor=None)
    with CaptureQueriesContext(connection) as after:
        compliance.evaluate(group_world.group, TODAY)
    assert len(after.captured_queries) == len(before.captured_queries)


@pytest.mark.parametrize(
    ("named", "flagged"),
    [("kaupunginhallitus", True), ("", False), ("Lautakunta", False), ("lautakunta ", False)],
)
def test_claims_go_to_the_deciding_body(group_world, world, named, flagged):
    # Kuntalaki § 134: a claim against a body's decision is made to that body (#13 item 2).
    import datetime

    from decisions import services
    from decisions.models import Body

    body = Body.objects.create(
        area=world.area, code="b", name_fi="Lautakunta", kind="municipal", claim_authority_fi=named
    )
    meeting = services.create_meeting(body=body, actor=world.secretary, date=datetime.date(2026, 3, 1))
    item = services.add_item(meeting=meeting, actor=world.secretary, title="x", proposal="y")
    services.record_decision(
        item=item,
        outcome="as_proposed",
        decision="y",
        decision_sv="",
        parts=[("rectification", "", "")],
        actor=world.secretary,
        today=datetime.date(2026, 3, 2),
    )
    assert bool(findings(group_world.group, "DE-CLAIM-AUTHORITY")) == flagged


def test_the_gender_balance_is_checked_only_when_asked_and_only_from_recorded_genders(group_world):
    # tasa-arvolaki § 4 a (#13 item 11): never guessed from names.
    group = group_world.group
    assert findings(group, "SG-GENDER-BALANCE") == []
    group.gender_balance_checked = True
    group.save()
    [unknown] = findings(group, "SG-GENDER-BALANCE")
    assert "3" in unknown.message  # three members, no gender recorded
    for key, gender in [("a1", "female"), ("b1", "male"), ("k1", "female")]:
        person = group_world.people[key]
        person.gender = gender
        person.save()
    [men] = findings(group, "SG-GENDER-BALANCE")
    assert "33" in men.message  # one man in three: under 40 per cent
    fourth = group_world.people["a3"]
    fourth.gender = "male"
    fourth.save()
    services.seat_member(nomination=group_world.nomination_a, person=fourth, actor=None)
    assert findings(group, "SG-GENDER-BALANCE") == []  # two and two


def test_a_member_may_represent_and_be_employed_by_another_organisation(group_world, world):
    from governance import services

    municipality = OrganisationFactory(kind="municipality", name_fi="Kuhmoisten kunta")
    seat = services.seat_member(
        nomination=group_world.nomination_a,
        person=group_world.people["a3"],
        actor=world.secretary,
        represents=municipality,
        employer=world.org_b,
    )
    assert (seat.organisation, seat.represents, seat.employer) == (world.org_a, municipality, world.org_b)


# With several employment authorities, the one recorded as naming the chair (#26 item 6).


@pytest.fixture
def second_authority(group_world, world):
    from tests.factories import ParticipationFactory

    return ParticipationFactory(
        area=world.area,
        organisation=OrganisationFactory(kind=Organisation.Kind.EMPLOYMENT_AUTHORITY, name_fi="Kaupunki C"),
    ).organisation


def _names_chair(world, *organisations):
    from organisations.models import Participation

    Participation.objects.filter(cooperation=world.area.cooperation, organisation__in=organisations).update(
        names_chair=True
    )


def test_one_employment_authority_needs_no_record_of_who_names_the_chair(group_world):
    assert findings(group_world.group, "SG-CHAIR-NAMED-BY") == []
    assert findings(group_world.group, "SG-CHAIR-AUTHORITY") == []


def test_with_several_authorities_the_one_naming_the_chair_must_be_recorded(
    group_world, world, second_authority
):
    [finding] = findings(group_world.group, "SG-CHAIR-NAMED-BY")
    assert finding.severity == "warning"
    assert "does not say which one names the chair" in finding.message
    assert finding.citation.startswith(
        "VNA 388/2024 (puheenjohtaja); the agreement's section on steering group"
    )


def test_with_several_authorities_only_one_names_the_chair(group_world, world, second_authority):
    _names_chair(world, world.org_a, second_authority)
    [finding] = findings(group_world.group, "SG-CHAIR-NAMED-BY")
    assert finding.message == (
        "More than one employment authority is recorded as naming the chair: Kaupunki A, Kaupunki C."
    )


def test_the_chair_sits_for_the_authority_that_names_the_chair(group_world, world, second_authority):
    _names_chair(world, world.org_a)
    assert findings(group_world.group, "SG-CHAIR-NAMED-BY") == []
    assert findings(group_world.group, "SG-CHAIR-AUTHORITY") == []


def test_a_chair_of_the_other_authority_is_an_error(group_world, world, second_authority):
    _names_chair(world, second_authority)
    [finding] = findings(group_world.group, "SG-CHAIR-AUTHORITY")
    assert finding.severity == "error"
    assert finding.message == "The chair A1 Henkilöa1 represents Kaupunki A, but Kaupunki C names the chair."


def test_a_chair_named_by_the_other_authority_is_an_error(group_world, world, second_authority):
    _names_chair(world, second_authority)
    services.end_seat(seat=group_world.chair, end_date=YESTERDAY, reason="resigned", actor=world.secretary)
    nomination_c = services.record_nomination(
        group=group_world.group,
        organisation=second_authority,
        actor=world.secretary,
        decided_by_body="Kaupunginhallitus",
        decided_on=datetime.date(2025, 3, 20),
        reference="§ 30/2025",
    )
    chair = services.seat_member(
        nomination=nomination_c,
        person=PersonFactory(organisation=second_authority, first_name="C1", last_name="Henkilöc1"),
        deputy=PersonFactory(organisation=second_authority),
        role=Membership.Role.CHAIR,
        actor=world.secretary,
    )
    assert findings(group_world.group, "SG-CHAIR-AUTHORITY") == []
    Membership.objects.filter(pk=chair.pk).update(role_named_in=group_world.nomination_a)
    [finding] = findings(group_world.group, "SG-CHAIR-AUTHORITY")
    assert finding.message == "C1 Henkilöc1 was named chair by Kaupunki A, but Kaupunki C names the chair."
