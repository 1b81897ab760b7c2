"""The header search (#29 item 5): one box on every page over decisions, meetings, bodies, steering
groups, agreements, people and documents, forgiving missing umlauts and Finnish endings, grouped by
kind, and only what the reader may see: never a record of another cooperation."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement
from core import search
from decisions.models import AgendaItem, Body, Meeting
from governance.models import SteeringGroup
from organisations import services
from tests.factories import PersonFactory, UserFactory

D = datetime.date
URL = "/search/"


@pytest.fixture
def records(world):
    board = Body.objects.create(
        area=world.area, code="lautakunta", name_fi="Työllisyysaluelautakunta", kind="municipal"
    )
    group_body = Body.objects.create(
        area=world.area, code="johtoryhma", name_fi="Alueen A TYM-johtoryhmä", kind="cooperation"
    )
    meeting = Meeting.objects.create(body=board, date=D(2025, 3, 18), place="Jämsän kaupungintalo")
    item = AgendaItem.objects.create(
        meeting=meeting,
        body=board,
        year=2025,
        number=16,
        title="Monialaisen tuen johtoryhmän asettaminen ja yhteistyösopimuksen hyväksyminen",
        proposal="Lautakunta asettaa johtoryhmän.",
    )
    SteeringGroup.objects.create(cooperation=world.area.cooperation, name="TYM-johtoryhmä")
    Agreement.objects.create(cooperation=world.area.cooperation, title="Yhteistyösopimus Jämsä")
    PersonFactory(organisation=world.org_a, first_name="Päivi", last_name="Hämäläinen")
    # The same words in another cooperation: never found by area A's people.
    other_board = Body.objects.create(
        area=world.other_area, code="muu", name_fi="Toinen TYM-johtoryhmä", kind="cooperation"
    )
    other_meeting = Meeting.objects.create(body=other_board, date=D(2025, 3, 18), place="Jämsä")
    AgendaItem.objects.create(
        meeting=other_meeting, body=other_board, year=2025, number=16, title="Toisen johtoryhmän asia"
    )
    SteeringGroup.objects.create(cooperation=world.other_area.cooperation, name="Toinen TYM-johtoryhmä")
    Agreement.objects.create(cooperation=world.other_area.cooperation, title="Toinen yhteistyösopimus")
    PersonFactory(organisation=world.other_org, first_name="Päivi", last_name="Hämäläinen-Muu")
    return {"board": board, "group_body": group_body, "meeting": meeting, "item": item}


def test_the_search_box_is_in_the_header_of_every_page(as_member):
    for url in ["/", "/decisions/", "/meetings/", "/notifications/"]:
        assert 'role="search"' in as_member.get(url).text, url


def test_a_section_is_found_by_its_number_with_or_without_the_paragraph_sign(records, as_member):
    for text in ["16/2025", "§ 16/2025", "§16/2025", "16 / 2025"]:
        page = as_member.get(URL, {"q": text}).text
        assert "§ 16/2025 Monialaisen tuen" in page, text
        assert "Toisen johtoryhmän asia" not in page, text  # another cooperation's § 16/2025
    assert "Monialaisen tuen" not in as_member.get(URL, {"q": "17/2025"}).text


def test_the_steering_group_is_found_without_umlauts_and_endings(records, as_member):
    page = as_member.get(URL, {"q": "johtoryhma"}).text
    assert "TYM-johtoryhmä" in page  # the steering group
    assert "Alueen A TYM-johtoryhmä" in page  # the body
    assert "Monialaisen tuen johtoryhmän asettaminen" in page  # a section's text, inflected
    assert "Toinen" not in page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hamalainen", "Päivi Hämäläinen"),
        ("jamsan", "Jämsän kaupungintalo"),  # a meeting by its place
        ("yhteistyosopimus jamsa", "Yhteistyösopimus Jämsä"),  # an agreement
        ("18.3.2025", "Jämsän kaupungintalo"),  # a meeting by its day
    ],
)
def test_people_meetings_and_agreements_are_found_without_umlauts(records, as_member, text, expected):
    page = as_member.get(URL, {"q": text}).text
    assert expected in page
    assert "Hämäläinen-Muu" not in page
    assert "Toinen yhteistyösopimus" not in page


def test_hits_are_grouped_by_kind(records, as_member):
    groups = {g.code: g for g in _groups(as_member, "johtoryhma")}
    assert {"decisions", "bodies", "groups"} <= set(groups)
    assert [h.text for h in groups["groups"].hits] == ["TYM-johtoryhmä"]


def _groups(client, text):
    response = client.get(URL, {"q": text})
    assert response.status_code == 200
    return response.context["groups"]


def test_a_reader_of_another_cooperation_finds_only_their_own(records, world):
    from django.test import Client

    reader = UserFactory(username="other_reader")
    services.make_editor(reader, world.other_org, world.other_area.cooperation)
    client = Client()
    client.force_login(reader)
    page = client.get(URL, {"q": "johtoryhma"}).text
    assert "Toinen TYM-johtoryhmä" in page
    assert "Alueen A" not in page
    assert "Monialaisen" not in page
    page = client.get(URL, {"q": "16/2025"}).text
    assert "Toisen johtoryhmän asia" in page
    assert "Monialaisen" not in page


def test_someone_with_no_rights_finds_nothing_and_the_anonymous_are_sent_to_log_in(
    records, as_outsider, client
):
    assert _groups(as_outsider, "johtoryhma") == []
    assert "ei löytynyt mitään" in as_outsider.get(URL, {"q": "johtoryhma"}).text
    assert client.get(URL, {"q": "johtoryhma"}).status_code == 302


@pytest.mark.parametrize(
    "text", ["", "   ", "%", "_", "§", "'; DROP", "x" * 500, "\x00", "0/0", "99.99.2025"]
)
def test_odd_input_is_never_a_server_error(records, as_member, text):
    assert as_member.get(URL, {"q": text}).status_code == 200


def test_the_number_of_queries_does_not_grow_with_the_data(records, world, as_member):
    def count():
        with CaptureQueriesContext(connection) as queries:
            response = as_member.get(URL, {"q": "johtoryhma"})
        assert response.status_code == 200
        return len(queries)

    small = count()
    board = records["board"]
    for n in range(17, 40):
        meeting = Meeting.objects.create(body=board, date=D(2025, 4, 1) + datetime.timedelta(days=n))
        AgendaItem.objects.create(
            meeting=meeting, body=board, year=2025, number=n, title=f"Johtoryhmän asia {n}"
        )
        PersonFactory(organisation=world.org_a, first_name="Johtoryhmä", last_name=f"Jäsen {n}")
    assert count() == small


def test_the_query_count_is_pinned(records, as_member, django_assert_num_queries):
    as_member.get("/")  # the session's first request renews it; pin a steady one
    # QUERIES: the session, the user, the second factor's device, the user's permissions, the rights
    # (grants and participations); then one query a kind: decisions, meetings, steering groups,
    # bodies, agreements, people, documents.
    with django_assert_num_queries(QUERIES):
        as_member.get(URL, {"q": "johtoryhma"})


QUERIES = 12


def test_the_folding_and_the_stems():
    assert search.fold("Jämsä Åbo") == "jamsa abo"
    assert search.stem("johtoryhmän") == search.stem("johtoryhma") == "johtoryhm"
    assert search.stem("sopimuksesta").startswith("sopimuks")
    assert search.parse("§ 16/2025 johtoryhmä").section == (16, 2025)
    assert search.parse("§ 16/2025 johtoryhmä").words == ("johtoryhmä",)
    assert search.parse("26.3.2025").date == (26, 3, 2025)
