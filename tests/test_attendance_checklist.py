"""Attendance as a checklist (#29 item 4): the secretary records many people of a meeting in one form;
all or none is saved; an empty checklist and a refused one come back with the error summary."""

import datetime

import pytest
from django.urls import reverse

from decisions import services
from decisions.models import Attendance, Body
from tests.factories import PersonFactory


@pytest.fixture
def meeting(world):
    body = Body.objects.create(area=world.area, code="lautakunta-a", name_fi="Lautakunta A", kind="municipal")
    meeting = services.create_meeting(
        body=body, actor=world.secretary, date=datetime.date(2026, 3, 10), place="Jyväskylä"
    )
    services.add_item(meeting=meeting, actor=world.secretary, title="Talousarvio", proposal="Hyväksytään.")
    return meeting


def test_the_secretary_records_several_people_in_one_form(world, meeting, as_secretary):
    chair, member, late = (PersonFactory(organisation=world.org_a) for _ in range(3))
    url = reverse("attendance-checklist", args=[meeting.pk])
    page = as_secretary.get(url)
    assert page.status_code == 200
    assert f'name="present_{late.pk}"' in page.text
    assert 'value="member" selected' in page.text  # the usual capacity chosen
    response = as_secretary.post(
        url,
        {
            f"present_{chair.pk}": "on",
            f"capacity_{chair.pk}": "member",
            f"present_{member.pk}": "on",
            f"capacity_{member.pk}": "absent",
            f"capacity_{late.pk}": "member",  # not ticked: not recorded
        },
    )
    assert response.status_code == 302
    recorded = dict(Attendance.objects.filter(meeting=meeting).values_list("person_id", "capacity"))
    assert recorded == {chair.pk: "member", member.pk: "absent"}
    again = as_secretary.get(url)
    assert f'name="present_{chair.pk}"' not in again.text  # recorded people are not offered again
    assert f'name="present_{late.pk}"' in again.text


def test_nothing_ticked_is_refused_with_the_error_summary(world, meeting, as_secretary):
    PersonFactory(organisation=world.org_a)
    response = as_secretary.post(reverse("attendance-checklist", args=[meeting.pk]), {})
    assert response.status_code == 400
    assert "error-summary" in response.text
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_a_refused_checklist_saves_no_one(world, meeting, as_secretary):
    first, second = PersonFactory(organisation=world.org_a), PersonFactory(organisation=world.org_a)
    url = reverse("attendance-checklist", args=[meeting.pk])
    form = as_secretary.get(url)  # offered while open ...
    assert f'name="present_{second.pk}"' in form.text
    # ... then the minutes are checked before the form is sent: the service refuses, nothing is saved.
    type(meeting).objects.filter(pk=meeting.pk).update(checked_on=datetime.date(2026, 3, 12))
    data = {f"present_{first.pk}": "on", f"present_{second.pk}": "on"}
    data |= {f"capacity_{first.pk}": "member", f"capacity_{second.pk}": "member"}
    response = as_secretary.post(url, data)
    assert response.status_code == 400
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_another_cooperations_secretary_gets_404(world, meeting):
    from tests.conftest import client_for

    outsider = client_for(world.editor_b)
    assert outsider.get(reverse("attendance-checklist", args=[meeting.pk])).status_code in (403, 404)
