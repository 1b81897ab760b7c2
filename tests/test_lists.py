"""Lists of meetings, agreements and people with their seats (#17 item 2): what the reader may see,
filtered and paged with the filters in the URL; the search also finds archived documents."""

import datetime

import pytest
from django.test import Client

from agreements import services as agreements
from archive import services as archive
from decisions import services as decisions
from decisions.models import Body

D = datetime.date


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def meetings(world):
    body = Body.objects.create(
        area=world.area, code="lk", name_fi="Työllisyysaluelautakunta", kind="municipal"
    )
    other = Body.objects.create(area=world.other_area, code="muu", name_fi="Muu lautakunta", kind="municipal")
    made = [
        decisions.create_meeting(body=body, actor=world.secretary, date=D(2025 + n % 2, 3, 1 + n))
        for n in range(30)
    ]
    decisions.create_meeting(body=other, actor=world.secretary, date=D(2026, 1, 1))
    return body, made


def test_the_meetings_list_shows_the_readers_bodies_filtered_and_paged(world, meetings):
    _body, _made = meetings
    page = client_of(world.member).get("/meetings/")
    assert page.status_code == 200
    assert page.context["page"].paginator.count == 30
    assert "Muu lautakunta" not in page.text
    assert len(page.context["page"].object_list) == 25
    second = client_of(world.member).get("/meetings/", {"page": 2})
    assert len(second.context["page"].object_list) == 5
    only_2026 = client_of(world.member).get("/meetings/", {"year": 2026})
    assert {m.date.year for m in only_2026.context["page"].object_list} == {2026}
    assert "year=2026" in only_2026.context["query"]
    assert client_of(world.outsider).get("/meetings/").context["page"].paginator.count == 0
    assert client_of(world.member).get("/meetings/", {"year": "abc"}).status_code == 400


def test_the_agreements_list(world):
    agreements.create_agreement(
        cooperation=world.area.cooperation, title="Yhteistyösopimus A", actor=world.secretary
    )
    agreements.create_agreement(
        cooperation=world.other_area.cooperation, title="Toisen alueen sopimus", actor=world.secretary
    )
    mine = client_of(world.editor_a).get("/agreements/").text
    assert "Yhteistyösopimus A" in mine
    assert "Toisen alueen sopimus" not in mine
    everything = client_of(world.secretary).get("/agreements/", {"status": "draft"}).text
    assert "Toisen alueen sopimus" in everything
    assert (
        "Yhteistyösopimus A"
        not in client_of(world.secretary).get("/agreements/", {"status": "in_force"}).text
    )


def test_people_and_their_seats_on_a_day(world, group_world):
    page = client_of(world.member).get("/seats/")
    assert page.context["page"].paginator.count == 6  # three members, three personal deputies
    assert "henkilökohtainen varajäsen: A1 Henkilöa1" in page.text
    kela = client_of(world.member).get("/seats/", {"organisation": group_world.kela.pk})
    assert {s.person.last_name for s in kela.context["page"].object_list} == {"Henkilök1", "Henkilök2"}
    named = client_of(world.member).get("/seats/", {"q": "henkilöb1"})
    assert [s.person.last_name for s in named.context["page"].object_list] == ["Henkilöb1"]
    from governance import services
    from governance.models import Membership

    services.end_seat(
        seat=Membership.objects.get(deputy_of=group_world.chair),
        end_date=D(2026, 1, 31),
        reason="resigned",
        actor=world.secretary,
    )
    assert client_of(world.member).get("/seats/", {"on": "2026-01-31"}).context["page"].paginator.count == 6
    assert client_of(world.member).get("/seats/", {"on": "2026-02-01"}).context["page"].paginator.count == 5
    assert client_of(world.outsider).get("/seats/").context["page"].paginator.count == 0


def test_the_search_finds_archived_documents_open_to_the_reader(world, published):
    _body, public, _secret = published
    meta = {
        "case": "TYM/7/2026",
        "publicity": "public",
        "secrecy_basis": "",
        "retention_years": None,
        "permanent": True,
    }
    archive.archive(
        cooperation=world.area.cooperation,
        kind="minutes",
        source=public.meeting,
        actor=world.secretary,
        title="Pöytäkirja maaliskuu",
        audience="everyone",
        **meta,
    )
    archive.archive(
        cooperation=world.area.cooperation,
        kind="minutes",
        source=public.meeting,
        actor=world.secretary,
        title="Pöytäkirja sihteereille",
        audience="secretaries",
        **{**meta, "publicity": "secret", "secrecy_basis": "JulkL 24 § 1 mom. 32 k"},
    )
    member = client_of(world.member).get("/decisions/", {"q": "pöytäkirja"}).text
    assert "Pöytäkirja maaliskuu" in member
    assert "Pöytäkirja sihteereille" not in member
    secretary = client_of(world.secretary).get("/decisions/", {"q": "pöytäkirja"}).text
    assert "Pöytäkirja sihteereille" in secretary
    assert (
        "Pöytäkirja"
        not in client_of(world.outsider).get("/decisions/", {"q": "pöytäkirja"}).text.split("<main")[1]
    )


def test_a_decision_is_found_by_its_section_number(world, published):
    _body, public, _secret = published
    found = client_of(world.member).get("/decisions/", {"number": public.number, "year": public.year})
    assert [item.pk for item, _state in found.context["entries"]] == [public.pk]
    assert client_of(world.member).get("/decisions/", {"number": "0"}).status_code == 400
