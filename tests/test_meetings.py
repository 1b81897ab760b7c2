"""The secretary's meeting year in the portal: a meeting, its agenda with § numbers per body and year,
attendance, decisions with their appeal instructions, checking, confirmed publication, and corrections
of locked minutes. Each refused move is tested to change nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from decisions import services
from decisions.models import AgendaItem, Body, Correction, Meeting

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def body(world):
    return Body.objects.create(area=world.area, code="lautakunta-a", name_fi="Lautakunta A", kind="municipal")


@pytest.fixture
def held(world, body):
    """A held meeting with two sections, one member present."""
    from tests.factories import PersonFactory

    actor = world.secretary
    meeting = services.create_meeting(body=body, actor=actor, date=D(2026, 3, 10), place="Jyväskylä")
    one = services.add_item(meeting=meeting, actor=actor, title="Talousarvio", proposal="Hyväksytään.")
    two = services.add_item(meeting=meeting, actor=actor, title="Sopimus", proposal="Hyväksytään sopimus.")
    person = PersonFactory(organisation=world.org_a)
    services.record_attendance(meeting=meeting, actor=actor, person=person, capacity="member")
    return meeting, one, two, person


def decide(item, actor, **kw):
    defaults = {
        "outcome": "as_proposed",
        "decision": item.proposal,
        "decision_sv": "",
        "parts": [("rectification", "", "")],
        "actor": actor,
        "today": D(2026, 3, 11),
    }
    return services.record_decision(item=item, **{**defaults, **kw})


def test_sections_are_numbered_per_body_and_year(world, body, held):
    meeting, one, two, _person = held
    assert (one.number, one.year, two.number) == (1, 2026, 2)
    later = services.create_meeting(body=body, actor=world.secretary, date=D(2026, 4, 1))
    assert services.add_item(meeting=later, actor=world.secretary, title="x", proposal="y").number == 3
    next_year = services.create_meeting(body=body, actor=world.secretary, date=D(2027, 1, 20))
    assert services.add_item(meeting=next_year, actor=world.secretary, title="x", proposal="y").number == 1
    other = Body.objects.create(area=world.area, code="other", name_fi="Muu", kind="cooperation")
    meeting = services.create_meeting(body=other, actor=world.secretary, date=D(2026, 3, 10))
    assert services.add_item(meeting=meeting, actor=world.secretary, title="x", proposal="y").number == 1


def test_an_item_needs_a_dated_meeting(world, body):
    meeting = Meeting.objects.create(body=body)
    with pytest.raises(ValidationError):
        services.add_item(meeting=meeting, actor=world.secretary, title="x", proposal="y")
    assert not AgendaItem.objects.exists()


def test_the_meeting_year_cannot_change_once_items_are_numbered(world, held):
    meeting = held[0]
    with pytest.raises(ValidationError):
        services.update_meeting(meeting=meeting, actor=world.secretary, data={"date": D(2027, 1, 5)})
    services.update_meeting(meeting=meeting, actor=world.secretary, data={"date": D(2026, 3, 12)})
    assert Meeting.objects.get(pk=meeting.pk).date == D(2026, 3, 12)


def test_a_decision_records_outcome_date_and_appeal_parts(world, held):
    _meeting, one, _two, _person = held
    decide(
        one, world.secretary, parts=[("no_appeal", "valmistelu", ""), ("rectification", "hyväksyminen", "")]
    )
    one.refresh_from_db()
    assert one.outcome == "as_proposed"
    assert one.decided_on == D(2026, 3, 10)
    assert [p.kind for p in one.appeal_parts.all()] == ["no_appeal", "rectification"]
    decide(one, world.secretary, outcome="tabled", parts=[])
    assert not one.appeal_parts.exists()


@pytest.mark.parametrize(
    "kw",
    [
        {"parts": []},  # a decision without appeal instructions
        {"parts": [("no_appeal", "", ""), ("rectification", "", "")]},  # parts not told apart
        {"decision": " "},
        {"today": D(2026, 3, 9)},  # before the meeting was held
        {"outcome": "maybe"},
    ],
)
def test_a_decision_is_refused_and_nothing_changes(world, held, kw):
    one = held[1]
    with pytest.raises(ValidationError):
        decide(one, world.secretary, **kw)
    one.refresh_from_db()
    assert one.outcome == ""
    assert not one.appeal_parts.exists()


def test_a_cooperation_body_offers_no_rectification(world):
    body = Body.objects.create(area=world.area, code="ryhma", name_fi="Johtoryhmä", kind="cooperation")
    meeting = services.create_meeting(body=body, actor=world.secretary, date=D(2026, 3, 10))
    item = services.add_item(meeting=meeting, actor=world.secretary, title="x", proposal="y")
    with pytest.raises(ValidationError):
        decide(item, world.secretary)
    decide(item, world.secretary, parts=[("no_appeal", "", "")])


def test_publishing_unchecked_minutes_is_refused(world, held):
    meeting, one, two, _person = held
    decide(one, world.secretary)
    decide(two, world.secretary)
    with pytest.raises(ValidationError, match="checked"):
        services.publish_minutes(meeting=meeting, published_on=D(2026, 3, 20), actor=world.secretary)
    assert Meeting.objects.get(pk=meeting.pk).published_on is None


def test_publishing_minutes_with_an_undecided_section_is_refused(world, held):
    meeting, one, _two, person = held
    decide(one, world.secretary)
    services.check_minutes(
        meeting=meeting, checkers=[person], checked_on=D(2026, 3, 12), actor=world.secretary
    )
    with pytest.raises(ValidationError, match="no decision"):
        services.publish_minutes(meeting=meeting, published_on=D(2026, 3, 20), actor=world.secretary)


@pytest.fixture
def published(world, held):
    meeting, one, two, person = held
    decide(one, world.secretary)
    decide(two, world.secretary)
    services.check_minutes(
        meeting=meeting, checkers=[person], checked_on=D(2026, 3, 12), actor=world.secretary
    )
    services.publish_minutes(meeting=meeting, published_on=D(2026, 3, 13), actor=world.secretary)
    meeting.refresh_from_db()
    return meeting, one, two, person


def test_published_minutes_are_locked(world, published):
    meeting, one, _two, person = published
    actor = world.secretary
    refused = [
        lambda: services.add_item(meeting=meeting, actor=actor, title="x", proposal="y"),
        lambda: services.update_item(item=one, actor=actor, data={"title": "Muu"}),
        lambda: decide(one, actor, outcome="rejected"),
        lambda: services.update_meeting(meeting=meeting, actor=actor, data={"place": "Muu"}),
        lambda: services.add_annex(item=one, title="Liite", public=True, actor=actor),
        lambda: services.publish_minutes(meeting=meeting, published_on=D(2026, 3, 14), actor=actor),
        lambda: services.check_minutes(
            meeting=meeting, checkers=[person], checked_on=D(2026, 3, 13), actor=actor
        ),
    ]
    for write in refused:
        with pytest.raises(ValidationError):
            write()
    one.refresh_from_db()
    assert one.title == "Talousarvio"
    assert one.outcome == "as_proposed"


def test_a_correction_keeps_its_reason_and_the_change_in_history(world, published):
    _meeting, one, _two, _person = published
    with pytest.raises(ValidationError):
        services.correct_minutes(item=one, reason=" ", data={"decision": "Korjattu."}, actor=world.secretary)
    with pytest.raises(ValidationError):
        services.correct_minutes(
            item=one, reason="Ei muutosta", data={"decision": one.decision}, actor=world.secretary
        )
    assert not Correction.objects.exists()
    correction = services.correct_minutes(
        item=one, reason="Kirjoitusvirhe", data={"decision": "Korjattu."}, actor=world.secretary
    )
    one.refresh_from_db()
    assert one.decision == "Korjattu."
    assert correction.made_by == world.secretary
    latest = one.history.latest()
    assert latest.history_user == world.secretary
    assert "Kirjoitusvirhe" in latest.history_change_reason


def test_an_unpublished_section_is_not_corrected_but_changed(world, held):
    with pytest.raises(ValidationError):
        services.correct_minutes(item=held[1], reason="x", data={"decision": "y"}, actor=world.secretary)


def test_attendance_is_fixed_once_the_minutes_are_checked(world, held):
    from tests.factories import PersonFactory

    meeting, one, _two, person = held
    decide(one, world.secretary)
    services.check_minutes(
        meeting=meeting, checkers=[person], checked_on=D(2026, 3, 12), actor=world.secretary
    )
    with pytest.raises(ValidationError):
        services.record_attendance(
            meeting=meeting,
            actor=world.secretary,
            person=PersonFactory(organisation=world.org_a),
            capacity="member",
        )


def test_an_extract_needs_checked_minutes(world, held):
    _meeting, one, _two, person = held
    with pytest.raises(ValidationError):
        services.certify_extract(
            item=one,
            actor=world.secretary,
            place="Jyväskylä",
            certified_on=D(2026, 3, 20),
            certified_by=person,
        )


# The pages: the secretary of the cooperation works; others may look but not write.


def test_the_secretary_creates_a_meeting_and_its_agenda_in_the_portal(world, body, as_secretary):
    page = as_secretary.get(f"/areas/{world.area.code}/")
    assert f"/bodies/{body.pk}/meetings/new/" in page.content.decode()
    response = as_secretary.post(
        f"/bodies/{body.pk}/meetings/new/", {"date": "2026-05-05", "place": "Jyväskylä", "member_count": "5"}
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{meeting.pk}/"
    response = as_secretary.post(
        f"/meetings/{meeting.pk}/items/new/", {"title": "Tavoitteet", "proposal": "Hyväksytään."}
    )
    assert response.status_code == 302
    assert "§ 1/2026" in as_secretary.get(f"/meetings/{meeting.pk}/").content.decode()
    agenda = as_secretary.get(f"/meetings/{meeting.pk}/agenda.pdf")
    assert agenda.status_code == 200
    assert agenda["Content-Type"] == "application/pdf"


def test_a_bad_meeting_form_saves_nothing(world, body, as_secretary):
    response = as_secretary.post(
        f"/bodies/{body.pk}/meetings/new/", {"date": "31.2.2026", "member_count": "-1"}
    )
    assert response.status_code == 400
    assert not Meeting.objects.exists()
    assert "error-summary" in response.content.decode()


def test_the_decision_page_shows_refusals_on_their_fields(world, held, as_secretary):
    one = held[1]
    response = as_secretary.post(f"/decisions/{one.pk}/decision/", {"outcome": "as_proposed"})
    assert response.status_code == 400
    assert (
        "appeal instructions" in response.content.decode().lower()
        or "muutoksenhaku" in response.content.decode()
    )
    one.refresh_from_db()
    assert one.outcome == ""


def test_publication_asks_for_confirmation(world, held, as_secretary):
    meeting, one, two, person = held
    decide(one, world.secretary)
    decide(two, world.secretary)
    services.check_minutes(
        meeting=meeting, checkers=[person], checked_on=D(2026, 3, 12), actor=world.secretary
    )
    assert as_secretary.get(f"/meetings/{meeting.pk}/publish/").status_code == 200
    response = as_secretary.post(f"/meetings/{meeting.pk}/publish/", {"published_on": "2026-03-13"})
    assert response.status_code == 400
    assert Meeting.objects.get(pk=meeting.pk).published_on is None
    response = as_secretary.post(
        f"/meetings/{meeting.pk}/publish/", {"published_on": "2026-03-13", "confirm": "on"}
    )
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).published_on == D(2026, 3, 13)


@pytest.mark.parametrize("persona", ["as_editor_a", "as_member", "as_outsider"])
def test_only_the_secretary_records_meetings(request, world, body, held, persona):
    client = request.getfixturevalue(persona)
    meeting, one = held[0], held[1]
    for url in [
        f"/bodies/{body.pk}/meetings/new/",
        f"/meetings/{meeting.pk}/edit/",
        f"/meetings/{meeting.pk}/items/new/",
        f"/meetings/{meeting.pk}/attendance/new/",
        f"/meetings/{meeting.pk}/publish/",
        f"/decisions/{one.pk}/decision/",
        f"/decisions/{one.pk}/edit/",
        f"/decisions/{one.pk}/correction/",
    ]:
        expected = 404 if persona == "as_outsider" else 403  # outside one's reach: not found
        assert client.post(url, {"title": "x"}).status_code == expected, url
    assert Meeting.objects.count() == 1


def test_the_meeting_page_keeps_its_query_count_as_sections_grow(world, held, as_secretary):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    meeting = held[0]

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert as_secretary.get(f"/meetings/{meeting.pk}/").status_code == 200
        return len(queries)

    decide(held[1], world.secretary)
    before = count()
    for n in range(4):
        item = services.add_item(meeting=meeting, actor=world.secretary, title=f"Asia {n}", proposal="x")
        decide(item, world.secretary)
    assert count() == before


def test_checking_the_minutes_keeps_what_changed_since_the_meeting_was_read(world, held):
    """check_minutes saves the meeting as it is now, not the caller's copy read before a change."""
    meeting, one, _two, person = held
    decide(one, world.secretary)
    stale = Meeting.objects.get(pk=meeting.pk)
    services.update_meeting(meeting=meeting, actor=world.secretary, data={"place": "Jämsä"})

    services.check_minutes(meeting=stale, checkers=[person], checked_on=D(2026, 3, 12), actor=world.secretary)

    meeting.refresh_from_db()
    assert meeting.place == "Jämsä"
    assert meeting.checked_on == D(2026, 3, 12)
