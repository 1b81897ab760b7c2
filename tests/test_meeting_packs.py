"""Meeting packs and invitations (#29 item 6): the agenda with its archived annexes as one PDF and a
page; the secretary publishes the agenda and the body's members hear of it at once, in the portal and
by e-mail, with the pack's link; each meeting is a VEVENT at its time and place in the reader's
calendar feed; nobody outside the cooperation hears or sees any of it."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from archive import services as archive_services
from archive.models import ArchivedDocument
from core import pdf
from decisions import agendas
from decisions.models import AgendaItem, AgendaPublication, Annex, Body, Meeting
from notifications.models import Notification, Preference
from organisations import services as org_services
from tests.factories import UserFactory

D = datetime.date
TODAY = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def pack(group_world, world):
    """A cooperation body (the steering group) meeting on 12.5.2026 at 13.00 in Jämsä, with one
    section and its annex archived as PDF/A; the chair and a Kela member have logins."""
    people = group_world.people
    world.member.email = "jasen@example.fi"
    world.member.save()
    people["a1"].user = world.member  # the chair
    people["a1"].save()
    # The Kela member's login sees only another cooperation: they are not told of this one.
    stranger = UserFactory(username="kela_elsewhere", email="kela@example.fi")
    org_services.make_editor(stranger, world.other_org, world.other_area.cooperation)
    people["k1"].user = stranger
    people["k1"].save()
    body = Body.objects.create(
        area=world.area, code="johtoryhma", name_fi="Alueen A TYM-johtoryhmä", kind="cooperation"
    )
    meeting = Meeting.objects.create(
        body=body, date=D(2026, 5, 12), starts_at=datetime.time(13), place="Jämsän kaupungintalo"
    )
    item = AgendaItem.objects.create(
        meeting=meeting, body=body, year=2026, number=3, title="Tavoitteet 2026", proposal="Hyväksytään."
    )
    annex = Annex.objects.create(item=item, number=1, title="Tavoiteluonnos")
    annex_pdf = _pdfa()
    archive_services.archive(
        cooperation=world.area.cooperation,
        kind=ArchivedDocument.Kind.ANNEX,
        actor=world.secretary,
        title="Tavoiteluonnos 2026",
        case="TYM/2026/3",
        publicity="public",
        audience="everyone",
        retention_years=10,
        upload=SimpleUploadedFile("liite.pdf", annex_pdf, content_type="application/pdf"),
        annex=annex,
    )
    return {"meeting": meeting, "body": body, "item": item, "annex": annex, "stranger": stranger}


def _pdfa() -> bytes:
    """A one-page PDF/A whose text the tests look for in the pack."""
    from weasyprint import HTML

    html = "<html><body><h1>LIITTEEN TEKSTI</h1></body></html>"
    return bytes(HTML(string=html).write_pdf(pdf_variant=pdf.ARCHIVE_VARIANT))


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _publish(client, meeting):
    return client.post(f"/meetings/{meeting.pk}/agenda/publish/", {"confirm": "on"})


@time_machine.travel(TODAY, tick=False)
def test_publishing_the_agenda_tells_the_members_by_notification_and_email(
    pack, world, as_secretary, django_capture_on_commit_callbacks
):
    meeting = pack["meeting"]
    with django_capture_on_commit_callbacks(execute=True):
        response = _publish(as_secretary, meeting)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AgendaPublication.objects.get(meeting=meeting).published_by == world.secretary
    meeting.refresh_from_db()  # the invitation the minutes state: sent today, how
    assert meeting.invited_on == D(2026, 5, 4)
    assert meeting.invitation.startswith("Kokouskutsu ja esityslista liitteineen")
    told = Notification.objects.get(recipient=world.member)
    assert told.link == f"/meetings/{meeting.pk}/pack/"
    assert "12.05.2026 13.00" in told.message
    assert "Jämsän kaupungintalo" in told.message
    assert told.due_date == D(2026, 5, 12)
    # The Kela member's login sees only another cooperation: nothing reaches them.
    assert not Notification.objects.filter(recipient=pack["stranger"]).exists()
    [email] = [m for m in mail.outbox if "jasen@example.fi" in m.to]
    assert f"/meetings/{meeting.pk}/pack/" in email.body
    assert "12.5.2026" in email.body  # the due date, stated
    assert not [m for m in mail.outbox if "kela@example.fi" in m.to]


@time_machine.travel(TODAY, tick=False)
def test_an_agenda_is_published_once_and_only_for_a_meeting_ahead(pack, as_secretary):
    meeting = pack["meeting"]
    assert _publish(as_secretary, meeting).status_code == 302
    assert _publish(as_secretary, meeting).status_code == 400  # already published
    assert Notification.objects.filter(kind="meeting_invitation").count() == 1
    held = Meeting.objects.create(body=pack["body"], date=D(2026, 4, 1))
    AgendaItem.objects.create(meeting=held, body=pack["body"], year=2026, number=1, title="x")
    assert _publish(as_secretary, held).status_code == 400
    empty = Meeting.objects.create(body=pack["body"], date=D(2026, 6, 1))
    assert _publish(as_secretary, empty).status_code == 400
    assert AgendaPublication.objects.count() == 1


@time_machine.travel(TODAY, tick=False)
def test_only_the_secretary_publishes_and_other_cooperations_see_nothing(pack, as_member, as_editor_a, world):
    meeting = pack["meeting"]
    assert _publish(as_member, meeting).status_code == 403
    assert _publish(as_editor_a, meeting).status_code == 403
    stranger = _client(pack["stranger"])
    for url in [f"/meetings/{meeting.pk}/pack/", f"/meetings/{meeting.pk}/pack.pdf"]:
        assert stranger.get(url).status_code == 404
    assert _publish(stranger, meeting).status_code == 404
    assert not AgendaPublication.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_the_pack_is_the_agenda_with_its_annexes_in_one_pdf(pack, as_member):
    from pypdf import PdfReader

    meeting = pack["meeting"]
    page = as_member.get(f"/meetings/{meeting.pk}/pack/")
    assert page.status_code == 200
    assert "Tavoiteluonnos" in page.text
    assert "/archive/" in page.text
    response = as_member.get(f"/meetings/{meeting.pk}/pack.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Tavoitteet 2026" in text  # the agenda
    assert "LIITTEEN TEKSTI" in text  # the annex, appended
    bookmarks = [o.title for o in reader.outline if not isinstance(o, list)]
    assert bookmarks[0] == "Esityslista"
    assert bookmarks[-1].startswith("§ 3/2026")


@time_machine.travel(TODAY, tick=False)
def test_an_annex_not_shared_with_the_reader_stays_out_of_their_pack(pack, as_member):
    ArchivedDocument.objects.update(audience="secretaries")
    response = as_member.get(f"/meetings/{pack['meeting'].pk}/pack.pdf")
    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "LIITTEEN TEKSTI" not in text


@time_machine.travel(TODAY, tick=False)
def test_each_meeting_is_an_event_at_its_time_and_place_in_the_readers_calendar(pack, world, as_secretary):
    from icalendar import Calendar

    _publish(as_secretary, pack["meeting"])
    token = Preference.objects.get_or_create(user=world.member)[0].calendar_token
    feed = Client().get(f"/calendar/{token}.ics")
    assert feed.status_code == 200
    events = [e for e in Calendar.from_ical(feed.content).walk("VEVENT") if "meeting" in str(e["uid"])]
    [event] = events
    assert event.decoded("dtstart") == datetime.datetime(
        2026, 5, 12, 13, tzinfo=event.decoded("dtstart").tzinfo
    )
    assert str(event.decoded("dtstart").tzinfo) == "Europe/Helsinki"
    assert str(event["location"]) == "Jämsän kaupungintalo"
    assert str(event["url"]).endswith(f"/meetings/{pack['meeting'].pk}/pack/")
    # Another cooperation's reader: not in their feed.
    token = Preference.objects.get_or_create(user=pack["stranger"])[0].calendar_token
    assert b"Alueen A TYM-johtoryhm" not in Client().get(f"/calendar/{token}.ics").content


@time_machine.travel(TODAY, tick=False)
def test_the_members_are_the_steering_groups_seats_in_force(pack, group_world, world):
    members = agendas.members_of([pack["body"]])[pack["body"].pk]
    assert members == [world.member, pack["stranger"]] or set(members) == {world.member, pack["stranger"]}


@time_machine.travel(TODAY, tick=False)
def test_the_invitation_reaches_a_municipal_bodys_members_recorded_at_its_last_meeting(world):
    from decisions.models import Attendance
    from tests.factories import PersonFactory

    board = Body.objects.create(area=world.area, code="lautakunta", name_fi="Lautakunta", kind="municipal")
    last = Meeting.objects.create(body=board, date=D(2026, 3, 1))
    person = PersonFactory(organisation=world.org_a, user=world.member)
    Attendance.objects.create(meeting=last, person=person, capacity="member")
    assert agendas.members_of([board]) == {board.pk: [world.member]}
