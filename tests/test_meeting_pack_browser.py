"""A meeting pack published in Chromium, in Finnish (#29 item 6): the secretary opens the meeting's
pack, tries to publish the agenda without confirming (the error state), then publishes it; the
steering group's member receives the invitation by e-mail with the pack's link and the due date, has
the meeting at its time and place in their calendar feed, and opens the pack as one PDF. Every page
axe-clean."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.utils import timezone

from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def meeting(group_world, world):
    from decisions.models import AgendaItem, Annex, Body, Meeting

    world.member.email = "jasen@example.fi"
    world.member.save()
    chair = group_world.people["a1"]
    chair.user = world.member
    chair.save()
    body = Body.objects.create(
        area=world.area, code="johtoryhma", name_fi="Alueen A TYM-johtoryhmä", kind="cooperation"
    )
    day = timezone.localdate() + datetime.timedelta(days=7)
    meeting = Meeting.objects.create(body=body, date=day, starts_at=datetime.time(13), place="Kaupungintalo")
    item = AgendaItem.objects.create(
        meeting=meeting, body=body, year=day.year, number=3, title="Tavoitteet", proposal="Hyväksytään."
    )
    Annex.objects.create(item=item, number=1, title="Tavoiteluonnos")
    return meeting


def test_a_secretary_publishes_the_agenda_and_a_member_receives_the_pack(page, world, meeting, live_server):
    from icalendar import Calendar
    from pypdf import PdfReader

    from notifications.models import Preference

    log_in(page, "secretary")
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Kokousaineisto").click()
    page.get_by_role("heading", name=re.compile("^Kokousaineisto")).wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Julkaise esityslista").click()
    assert_accessible(page)
    page.get_by_role("button", name="Julkaise esityslista").click()  # not confirmed: refused
    page.locator(".error-summary").wait_for()
    assert_accessible(page)
    page.check("#id_confirm")
    page.get_by_role("button", name="Julkaise esityslista").click()
    page.get_by_text("Esityslista julkaistiin").wait_for()
    assert_accessible(page)

    # The member's e-mail: the invitation with the pack's link and the due date.
    [email] = [m for m in mail.outbox if "jasen@example.fi" in m.to]
    pack_url = f"{live_server.url}/meetings/{meeting.pk}/pack/"
    assert f"/meetings/{meeting.pk}/pack/" in email.body
    assert f"{meeting.date:%-d.%-m.%Y}" in email.body
    assert "Kaupungintalo" in email.body

    # The meeting in the member's calendar feed, at its time and place.
    token = Preference.objects.get_or_create(user=world.member)[0].calendar_token
    feed = page.request.get(f"{live_server.url}/calendar/{token}.ics")
    assert feed.ok
    [event] = [e for e in Calendar.from_ical(feed.body()).walk("VEVENT") if "meeting" in str(e["uid"])]
    assert event.decoded("dtstart").hour == 13
    assert event.decoded("dtstart").date() == meeting.date
    assert str(event["location"]) == "Kaupungintalo"

    # The member follows the link and reads the pack.
    page.context.clear_cookies()
    log_in(page, "member")
    page.goto(pack_url)
    page.get_by_role("heading", name=re.compile("^Kokousaineisto")).wait_for()
    assert page.get_by_role("link", name="Julkaise esityslista").count() == 0  # a member does not publish
    assert_accessible(page)
    pdf = page.request.get(f"{live_server.url}/meetings/{meeting.pk}/pack.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "Tavoitteet" in text
