"""Claims handled to the end (#13 item 6): every claim is recorded; its timeliness is computed against the
claimant's last day and the registry's closing time on that day; its standing and outcome are recorded;
the decision on it is a section of its own with a municipal appeal for the claimant; only a timely,
admissible claim stops finality; re-issued instructions restart the period."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from decisions import appeals, services
from decisions.models import AgendaItem, AppealPart, Body, Claim, Meeting, Notification

D = datetime.date
T = datetime.time


@pytest.fixture
def board(world):
    return Body.objects.create(
        area=world.area,
        code="lautakunta",
        name_fi="Lautakunta",
        kind="municipal",
        registry_name="Kirjaamo",
        registry_closes_at=T(15),
        court_fi="Vaasan hallinto-oikeus",
        court_address="PL 204, 65101 Vaasa",
        court_email="vaasa.hao@oikeus.fi",
    )


def _item(body, day, number):
    meeting = Meeting.objects.create(body=body, date=day)
    return AgendaItem.objects.create(
        meeting=meeting, body=body, year=day.year, number=number, title="Asia", proposal="x"
    )


@pytest.fixture
def decision(board):
    """The worked example's dates: minutes on the network 26.3.2025 (members' last day Wed 16.4.2025)."""
    item = _item(board, D(2025, 3, 18), 16)
    AppealPart.objects.create(item=item, order=1, kind="no_appeal", scope_fi="muilta osin")
    part = AppealPart.objects.create(item=item, order=2, kind="rectification", scope_fi="sopimus")
    Meeting.objects.filter(pk=item.meeting_id).update(checked_on=D(2025, 3, 20), published_on=D(2025, 3, 26))
    letter = Notification.objects.create(
        item=item, recipient="Yhtiö Oy", method="letter", sent_on=D(2025, 4, 2)
    )
    return AgendaItem.objects.get(pk=item.pk), part, letter


def _claim(item, part, received_on, received_at=None, **fields):
    return services.record_claim(
        item=item,
        part=part,
        actor=None,
        claimant=fields.pop("claimant", "Aino"),
        received_on=received_on,
        received_at=received_at,
        **fields,
    )


def _review(item):
    [review] = appeals.status(AgendaItem.objects.get(pk=item.pk)).reviews
    return review


# Timeliness: the claimant's last day, and on it the registry's closing time.


@pytest.mark.parametrize(
    ("received_on", "received_at", "timely"),
    [
        (D(2025, 4, 15), None, True),  # before the last day: the time does not matter
        (D(2025, 4, 16), T(14, 59), True),
        (D(2025, 4, 16), T(15, 0), True),  # at closing time
        (D(2025, 4, 16), T(15, 1), False),  # after the registry closed
        (D(2025, 4, 16), None, None),  # on the last day without a time: cannot be told yet
        (D(2025, 4, 17), T(9), False),  # the next day
    ],
)
def test_a_members_claim_is_timely_by_the_last_day_and_the_registrys_hours(
    decision, received_on, received_at, timely
):
    item, part, _letter = decision
    _claim(item, part, received_on, received_at, standing="member")
    review = _review(item)
    assert review.last_day == D(2025, 4, 16)
    assert review.timely is timely


def test_a_partys_period_runs_from_their_own_notification(decision):
    item, part, letter = decision
    # Letter 2.4 → received 9.4 → the last day Wed 23.4.2025: a member would be late on 22.4, the party not.
    _claim(item, part, D(2025, 4, 22), standing="party", notification=letter, claimant="Yhtiö Oy")
    review = _review(item)
    assert review.last_day == D(2025, 4, 23)
    assert review.timely is True


def test_a_party_never_notified_is_in_time(decision):
    item, part, _letter = decision
    _claim(item, part, D(2025, 6, 1), standing="party", claimant="Unohtunut Oy")
    assert _review(item).timely is True


# What stops finality.


def test_a_timely_admissible_claim_stops_finality_until_decided(decision):
    item, part, _letter = decision
    _claim(item, part, D(2025, 4, 10), standing="member")
    status = appeals.status(AgendaItem.objects.get(pk=item.pk))
    assert status.final_on is None
    assert any("Aino" in gap for gap in status.gaps)


def test_a_late_claim_does_not_stop_finality_but_is_still_to_be_decided(decision):
    item, part, _letter = decision
    _claim(item, part, D(2025, 4, 17), standing="member")
    status = appeals.status(AgendaItem.objects.get(pk=item.pk))
    assert status.final_on == D(2025, 4, 24)  # as without the claim: after the letter's last day 23.4
    assert any("dismissed without examination" in w or "tutkimatta" in w for w in status.warnings)


def test_a_claim_without_standing_does_not_stop_finality(decision):
    item, part, _letter = decision
    _claim(item, part, D(2025, 4, 10), standing="none")
    review = _review(item)
    assert review.admissible is False
    assert not review.stops_finality


def test_a_claim_not_yet_assessed_stops_finality_until_it_is(decision):
    item, part, _letter = decision
    claim = _claim(item, part, D(2025, 4, 10))
    assert claim.standing == "unassessed"
    assert _review(item).stops_finality
    services.assess_claim(claim=claim, actor=None, data={"standing": "none"})
    assert appeals.status(AgendaItem.objects.get(pk=item.pk)).final_on == D(2025, 4, 24)


def test_a_claim_is_recorded_also_after_the_period(decision):
    item, part, _letter = decision
    claim = _claim(item, part, D(2025, 12, 1), standing="member")
    assert Claim.objects.filter(pk=claim.pk).exists()
    assert _review(item).timely is False


# The decision on a claim.


@pytest.fixture
def decided(decision, board, world):
    item, part, _letter = decision
    claim = _claim(item, part, D(2025, 4, 10), standing="member")
    on_claim = _item(board, D(2025, 5, 6), 30)
    services.decide_claim(claim=claim, outcome="rejected", decided_in=on_claim, actor=world.secretary)
    return item, claim, AgendaItem.objects.get(pk=on_claim.pk)


def test_the_decision_on_a_claim_gets_municipal_appeal_instructions(decided):
    *_, on_claim = decided
    [part] = on_claim.appeal_parts.all()
    assert part.kind == "municipal_appeal"


def test_the_decision_on_a_claim_must_be_given_to_the_claimant(decided):
    *_, on_claim = decided
    status = appeals.status(on_claim)
    assert any("Aino" in w for w in status.warnings)
    Notification.objects.create(item=on_claim, recipient="Aino", method="letter", sent_on=D(2025, 5, 7))
    status = appeals.status(AgendaItem.objects.get(pk=on_claim.pk))
    assert not any("Aino" in w for w in status.warnings)
    # Letter 7.5 → received 14.5 → day 30 is Fri 13.6.2025; only the claimant may appeal.
    assert [(p.who, p.computation.last_day) for p in status.periods] == [("Aino", D(2025, 6, 13))]


def test_the_original_decision_is_final_when_the_decision_on_the_claim_is(decided):
    item, _, on_claim = decided
    assert appeals.status(AgendaItem.objects.get(pk=item.pk)).final_on is None
    Notification.objects.create(item=on_claim, recipient="Aino", method="letter", sent_on=D(2025, 5, 7))
    assert appeals.status(AgendaItem.objects.get(pk=item.pk)).final_on == D(2025, 6, 14)


def test_a_claim_is_decided_once(decided, world):
    _, claim, on_claim = decided
    with pytest.raises(ValidationError):
        services.decide_claim(claim=claim, outcome="upheld", decided_in=on_claim, actor=world.secretary)


def test_a_claim_is_decided_by_the_same_body_after_it_arrived(decision, world):
    item, part, _letter = decision
    claim = _claim(item, part, D(2025, 4, 10), standing="member")
    other = Body.objects.create(area=world.area, code="muu", name_fi="Muu", kind="municipal")
    for deciding in (_item(other, D(2025, 5, 6), 1), _item(item.body, D(2025, 4, 1), 20)):
        with pytest.raises(ValidationError):
            services.decide_claim(claim=claim, outcome="rejected", decided_in=deciding, actor=world.secretary)
    assert Claim.objects.get(pk=claim.pk).outcome == "pending"
    assert not AppealPart.objects.filter(kind="municipal_appeal").exists()


def test_a_claim_without_standing_cannot_be_upheld(decision, board, world):
    item, part, _letter = decision
    claim = _claim(item, part, D(2025, 4, 10), standing="none")
    with pytest.raises(ValidationError):
        services.decide_claim(
            claim=claim, outcome="upheld", decided_in=_item(board, D(2025, 5, 6), 2), actor=world.secretary
        )


def test_an_outcome_needs_its_decision_in_the_database(decision):
    item, part, _letter = decision
    claim = _claim(item, part, D(2025, 4, 10))
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(outcome="rejected")


def test_a_decision_on_a_rectification_claim_must_carry_the_municipal_appeal(decided, world):
    *_, on_claim = decided
    with translation.override("en"), pytest.raises(ValidationError, match="municipal appeal"):
        services.record_decision(
            item=on_claim,
            outcome="as_proposed",
            decision="Hylätään.",
            decision_sv="",
            parts=[("rectification", "", "")],
            actor=world.secretary,
        )


# Re-issued instructions.


def test_reissued_instructions_restart_the_period(decision):
    item, _part, letter = decision
    Notification.objects.create(
        item=item,
        recipient="Yhtiö Oy",
        method="letter",
        sent_on=D(2025, 5, 5),
        reissue_of=letter,
        reissue_reason="Oikaisuvaatimusohje puuttui.",
    )
    periods = appeals.status(AgendaItem.objects.get(pk=item.pk)).periods
    letters = [p for p in periods if p.who == "Yhtiö Oy"]
    # Only the new one counts: sent 5.5 → received 12.5 → day 14 is Mon 26.5.2025.
    assert [p.computation.last_day for p in letters] == [D(2025, 5, 26)]


def test_a_reissue_needs_its_reason(decision):
    item, _part, letter = decision
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            item=item, recipient="Yhtiö Oy", method="letter", sent_on=D(2025, 5, 5), reissue_of=letter
        )


def test_a_claimant_notified_again_is_timed_from_the_new_notification(decision):
    item, part, letter = decision
    Notification.objects.create(
        item=item,
        recipient="Yhtiö Oy",
        method="letter",
        sent_on=D(2025, 5, 5),
        reissue_of=letter,
        reissue_reason="Väärä ohje.",
    )
    _claim(item, part, D(2025, 5, 20), standing="party", notification=letter, claimant="Yhtiö Oy")
    review = _review(item)
    assert review.last_day == D(2025, 5, 26)
    assert review.timely is True


# In the portal.


def test_the_secretary_handles_a_claim_to_the_end_in_the_portal(decision, board, as_secretary, as_editor_a):
    item, part, _letter = decision
    response = as_secretary.post(
        reverse("claim-create", args=[item.pk]),
        {"part": part.pk, "claimant": "Aino", "received_on": "2025-04-16", "received_at": "15:30"},
    )
    assert response.status_code == 302
    claim = Claim.objects.get()
    page = as_secretary.get(reverse("item-detail", args=[item.pk])).text
    assert reverse("claim-assess", args=[claim.pk]) in page
    assert as_editor_a.get(reverse("claim-assess", args=[claim.pk])).status_code == 403
    response = as_secretary.post(
        reverse("claim-assess", args=[claim.pk]), {"standing": "member", "received_at": "15:30"}
    )
    assert response.status_code == 302
    page = as_secretary.get(reverse("item-detail", args=[item.pk])).text
    assert "kirjaamon sulkeuduttua" in page or "registry closed" in page
    on_claim = _item(board, D(2025, 5, 6), 31)
    url = reverse("claim-decide", args=[claim.pk])
    assert as_editor_a.post(url, {"outcome": "dismissed", "decided_in": on_claim.pk}).status_code == 403
    assert as_secretary.post(url, {"outcome": "dismissed"}).status_code == 400
    assert Claim.objects.get().outcome == "pending"
    assert as_secretary.post(url, {"outcome": "dismissed", "decided_in": on_claim.pk}).status_code == 302
    claim.refresh_from_db()
    assert (claim.outcome, claim.decided_in_id) == ("dismissed", on_claim.pk)


def test_the_secretary_reissues_instructions_in_the_portal(decision, as_secretary):
    item, _part, letter = decision
    url = reverse("notification-reissue", args=[item.pk])
    data = {
        "reissue_of": letter.pk,
        "recipient": "Yhtiö Oy",
        "method": "letter",
        "consent": "unknown",
        "sent_on": "2025-05-05",
    }
    assert as_secretary.post(url, data).status_code == 400  # no reason
    assert Notification.objects.count() == 1
    assert as_secretary.post(url, {**data, "reissue_reason": "Ohje puuttui."}).status_code == 302
    assert Notification.objects.get(reissue_of=letter).reissue_reason == "Ohje puuttui."


# Constant queries as claims and notifications grow (#15).


def test_the_status_reads_its_facts_in_nine_queries_however_many_claims(
    decision, board, world, django_assert_num_queries
):
    item, part, _letter = decision
    for n in range(3):
        claim = _claim(item, part, D(2025, 4, 10), standing="member", claimant=f"Asukas {n}")
        on_claim = _item(board, D(2025, 5, 6 + n), 40 + n)
        services.decide_claim(claim=claim, outcome="rejected", decided_in=on_claim, actor=world.secretary)
        Notification.objects.create(
            item=on_claim, recipient=f"Asukas {n}", method="letter", sent_on=D(2025, 5, 7 + n)
        )
    with django_assert_num_queries(9):
        # the section with its meeting and body; its parts, notifications, claims and the claims it
        # decides; and for the decisions on its claims, the same four
        loaded = appeals.with_status_facts(AgendaItem.objects.all()).get(pk=item.pk)
        status = appeals.status(loaded)
    assert len(status.reviews) == 3
    assert status.final_on is not None


def test_the_decision_pages_keep_their_query_counts_as_claims_grow(
    decision, board, world, as_secretary, client
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    item, part, _letter = decision

    def counts():
        result = []
        for url, reader in [
            (reverse("item-detail", args=[item.pk]), as_secretary),
            (f"/public/{board.code}/", client),
            (f"/public/{board.code}/{item.pk}/", client),
        ]:
            with CaptureQueriesContext(connection) as queries:
                assert reader.get(url).status_code == 200
            result.append(len(queries))
        return result

    def add_claim(n):
        claim = _claim(item, part, D(2025, 4, 10), standing="member", claimant=f"Asukas {n}")
        Notification.objects.create(item=item, recipient=f"Saaja {n}", method="letter", sent_on=D(2025, 4, 2))
        services.decide_claim(
            claim=claim,
            outcome="rejected",
            decided_in=_item(board, D(2025, 5, 6), 50 + n),
            actor=world.secretary,
        )

    add_claim(0)
    before = counts()
    for n in range(1, 4):
        add_claim(n)
    assert counts() == before
