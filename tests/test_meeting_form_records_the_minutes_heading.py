"""The secretary records what the minutes' heading and legality section print, in the portal's one
form idiom (#28 item 3): end time, invitation, the opening §; a meeting ending before it starts is
refused with the form shown again and nothing saved."""

from __future__ import annotations

import datetime

from django.urls import reverse

from decisions.models import Body, Meeting


def _body(world) -> Body:
    return Body.objects.create(area=world.area, code="board", name_fi="Lautakunta", kind="municipal")


def test_the_secretary_records_the_heading_and_the_invitation(world, as_secretary):
    body = _body(world)
    response = as_secretary.post(
        reverse("meeting-create", args=[body.pk]),
        {
            "number": "3/2025",
            "date": "2025-03-18",
            "starts_at": "15:00",
            "ends_at": "16:30",
            "place": "Kaupungintalo",
            "invited_on": "2025-03-12",
            "invitation": "Sähköpostitse jäsenille ja varajäsenille.",
            "opening_number": "14",
            "member_count": "7",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(body=body)
    assert (meeting.ends_at, meeting.invited_on, meeting.opening_number) == (
        datetime.time(16, 30),
        datetime.date(2025, 3, 12),
        14,
    )
    assert meeting.history.first().history_user == world.secretary


def test_a_meeting_ending_before_it_starts_is_refused_and_nothing_is_saved(world, as_secretary):
    body = _body(world)
    response = as_secretary.post(
        reverse("meeting-create", args=[body.pk]),
        {"date": "2025-03-18", "starts_at": "15:00", "ends_at": "14:00", "invited_on": "2025-03-19"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Kokouksen päättymisajan on oltava alkamisajan jälkeen." in text
    assert not Meeting.objects.filter(body=body).exists()


def test_the_body_records_its_official_language_in_the_portal(world, as_secretary):
    body = _body(world)
    form = as_secretary.get(reverse("body-edit", args=[body.pk])).content.decode()
    assert 'name="language"' in form
    assert 'name="second_language"' in form
    assert 'name="notice_days"' in form
