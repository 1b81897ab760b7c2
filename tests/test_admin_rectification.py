"""The rectification claim a special act may require before an appeal: Hallintolaki 434/2003 ch. 7 a
(§§ 49 a–49 g; #28 "missing law"). 30 days from notification (§ 49 c), to the authority that decided
(§ 49 d (1)), by a party only (§ 49 b (2)); only the decision on it goes to the administrative court
(§ 49 b (1), (3)). Counted like every period (Act 150/1930 §§ 2, 5)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from decisions import appeals, deadlines, rules, services
from decisions.models import AgendaItem, AppealPart, Body, Claim

D = datetime.date
KIND = deadlines.Kind.ADMIN_RECTIFICATION


def test_thirty_days_from_a_letter():
    # Letter 2.4.2025 → received 9.4. (HL § 59) → day 30 is Fri 9.5.2025.
    result = deadlines.compute(KIND, "letter", D(2025, 4, 2))
    assert (result.deemed_receipt, result.period_days, result.last_day) == (D(2025, 4, 9), 30, D(2025, 5, 9))


def test_the_last_day_moves_past_independence_day_on_a_saturday():
    # Letter 30.10.2025 → received 6.11. → day 30 is Sat 6.12.2025, Independence Day → Mon 8.12.2025.
    result = deadlines.compute(KIND, "letter", D(2025, 10, 30))
    assert result.nominal_last_day == D(2025, 12, 6)
    assert result.last_day == D(2025, 12, 8)


@given(st.dates(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31)), st.sampled_from(["letter", "received"]))
@settings(max_examples=200, deadline=None)
def test_the_claim_period_is_thirty_days_counted_as_every_period(day, method):
    result = deadlines.compute(KIND, method, day)
    assert result.nominal_last_day == result.deemed_receipt + datetime.timedelta(days=30)
    assert result.last_day >= result.nominal_last_day
    assert deadlines.is_deadline_day(result.last_day)
    assert (result.last_day - result.nominal_last_day).days <= 4


def test_members_have_no_period_from_publication():
    assert deadlines.refused(KIND, "publication")
    assert "49 b" in deadlines.refused(KIND, "publication")
    assert deadlines.refused(KIND, "letter") is None


def test_the_endpoint_counts_it_and_refuses_publication(client, db):
    url = reverse("deadlines-api")
    data = client.get(url, {"kind": KIND, "method": "letter", "date": "2025-10-30"}).json()
    assert (data["period_days"], data["last_day"], data["shifted"]) == (30, "2025-12-08", True)
    refused = client.get(url, {"kind": KIND, "method": "publication", "date": "2025-03-26"})
    assert refused.status_code == 400
    assert "49 b" in str(refused.json()["errors"])


def test_the_acceptance_email_with_consent_not_recorded_gives_no_last_day_with_the_reason(client, db):
    response = client.get(
        "/api/v1/deadlines/?kind=rectification&method=email&consent=unknown&date=2025-04-02"
    )
    data = response.json()
    assert response.status_code == 200
    assert (data["last_day"], data["deemed_receipt"], data["final"]) == (None, None, None)
    assert "13/2003" in data["reason"]


def test_any_body_that_decides_under_a_special_act_can_carry_it(world):
    board = Body(area=world.area, code="b", name_fi="Lautakunta", kind=Body.Kind.MUNICIPAL)
    group = Body(area=world.area, code="g", name_fi="Johtoryhmä", kind=Body.Kind.COOPERATION)
    assert "admin_rectification" in rules.appeal_kinds(board)
    assert "admin_rectification" in rules.appeal_kinds(group)


@pytest.fixture
def special_act_decision(world):
    actor = world.secretary
    body = Body.objects.create(
        area=world.area,
        code="lautakunta",
        name_fi="Lautakunta",
        kind="municipal",
        registry_name="Kirjaamo",
        registry_closes_at=datetime.time(15),
    )
    meeting = services.create_meeting(body=body, actor=actor, date=D(2026, 3, 2))
    item = services.add_item(
        meeting=meeting, actor=actor, title="Erityislain mukainen päätös", proposal="Myönnetään."
    )
    services.record_decision(
        item=item,
        outcome="as_proposed",
        decision="Myönnetään.",
        decision_sv="",
        actor=actor,
        parts=[("admin_rectification", "", "")],
        today=D(2026, 3, 2),
    )
    from organisations.models import Person

    person = Person.objects.create(organisation=world.org_a, first_name="P", last_name="Q")
    services.record_attendance(meeting=meeting, actor=actor, person=person, capacity="member")
    services.check_minutes(meeting=meeting, checkers=[person], checked_on=D(2026, 3, 3), actor=actor)
    services.publish_minutes(meeting=meeting, published_on=D(2026, 3, 4), actor=actor)
    return AgendaItem.objects.get(pk=item.pk)


def test_only_the_party_has_a_period_and_personal_data_comes_off_after_it(special_act_decision):
    item = special_act_decision
    services.record_notification(
        item=item, actor=None, recipient="Kela", method="letter", sent_on=D(2026, 3, 5)
    )
    status = appeals.status(AgendaItem.objects.get(pk=item.pk))
    [period] = status.periods
    assert period.computation.method == "letter"  # no municipal members' period (HL § 49 b (2))
    assert period.computation.last_day == D(2026, 4, 13)  # received 12.3. + 30 = Sat 11.4. → Mon 13.4.
    assert status.final_on == D(2026, 4, 14)
    assert status.personal_data_removed_on == D(2026, 4, 14)


def test_a_members_claim_is_not_admissible_and_the_authority_that_decided_decides_it(
    special_act_decision, world
):
    item = special_act_decision
    part = item.appeal_parts.get()
    claim = Claim.objects.create(
        item=item, part=part, claimant="Kunnan jäsen", received_on=D(2026, 3, 10), standing="member"
    )
    with translation.override("en"):
        review = appeals.review_claim(claim, item, [])
    assert review.admissible is False
    other = Body.objects.create(area=world.area, code="muu", name_fi="Muu", kind="municipal")
    meeting = services.create_meeting(body=other, actor=world.secretary, date=D(2026, 4, 1))
    elsewhere = services.add_item(meeting=meeting, actor=world.secretary, title="Oikaisuvaatimus")
    claim.decided_in = elsewhere
    claim.outcome = "rejected"
    with pytest.raises(ValidationError):
        claim.full_clean()


def test_the_public_instructions_state_the_law(special_act_decision, client):
    item = special_act_decision
    page = client.get(f"/public/{item.body.code}/{item.pk}/").text
    assert "Oikaisuvaatimusohjeet (hallintolaki)" in page
    assert "30 päivän kuluessa" in page
    assert "hallintolaki 49 c §" in page
    assert "päätöksen tehneelle viranomaiselle, joka on Lautakunta (hallintolaki 49 d § 1 mom.)" in page
    assert "kunnan jäsen" not in page.split("Oikaisuvaatimusoikeus")[1].split("Kunnan jäsenellä ei")[0]
    client.cookies["django_language"] = "sv"
    page = client.get(f"/public/{item.body.code}/{item.pk}/").text
    assert "inom 30 dagar" in page
    assert "förvaltningslagen 49 c §" in page


def test_the_kind_is_known_to_the_database(special_act_decision):
    part = special_act_decision.appeal_parts.get()
    assert part.kind == AppealPart.Kind.ADMIN_RECTIFICATION
    assert part.deadline_kind == KIND
