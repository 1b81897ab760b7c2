"""The decisions list and search (#17 item 2): what the user may see, filtered and sorted in the URL,
paged, searched over decisions, documents and people, at a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions.models import AgendaItem, Annex, AppealPart, Body, Claim, Meeting, Notification
from tests.factories import PersonFactory
from tests.tools import require

D = datetime.date
URL = "/decisions/"


@pytest.fixture
def bodies(world):
    board = Body.objects.create(area=world.area, code="lautakunta", name_fi="Lautakunta", kind="municipal")
    other = Body.objects.create(area=world.other_area, code="muu", name_fi="Muu lautakunta", kind="municipal")
    return board, other


def _item(body, day, number, title, **fields):
    meeting = Meeting.objects.create(body=body, date=day, checked_on=day, published_on=day)
    return AgendaItem.objects.create(
        meeting=meeting, body=body, year=day.year, number=number, title=title, proposal="x", **fields
    )


def test_a_member_sees_only_their_own_areas_decisions(bodies, as_member, as_outsider):
    board, other = bodies
    _item(board, D(2025, 3, 18), 16, "Yhteistyösopimuksen hyväksyminen")
    _item(other, D(2025, 3, 18), 1, "Toisen alueen asia")
    page = as_member.get(URL).text
    assert "Yhteistyösopimuksen hyväksyminen" in page
    assert "Toisen alueen asia" not in page
    assert "Yhteistyösopimuksen" not in as_outsider.get(URL).text


def test_filters_and_order_live_in_the_url(bodies, as_secretary):
    board, other = bodies
    _item(board, D(2024, 5, 2), 3, "Vanha asia")
    _item(board, D(2025, 3, 18), 16, "Uusi asia")
    _item(other, D(2025, 3, 18), 1, "Muun asia")
    page = as_secretary.get(URL, {"body": board.pk, "year": 2025}).text
    assert "Uusi asia" in page
    assert "Vanha asia" not in page
    assert "Muun asia" not in page
    page = as_secretary.get(URL, {"body": board.pk, "sort": "oldest"}).text
    assert page.index("Vanha asia") < page.index("Uusi asia")


def test_the_appeal_status_filter_reads_the_law(bodies, world, as_secretary):
    board, _other = bodies
    final = _item(board, D(2025, 3, 18), 1, "Lainvoimainen asia", outcome="as_proposed")
    AppealPart.objects.create(item=final, kind="rectification")
    Notification.objects.create(item=final, recipient="X", method="letter", sent_on=D(2025, 3, 20))
    claimed = _item(board, D(2025, 3, 18), 2, "Vaadittu asia", outcome="as_proposed")
    part = AppealPart.objects.create(item=claimed, kind="rectification")
    Notification.objects.create(item=claimed, recipient="X", method="letter", sent_on=D(2025, 3, 20))
    Claim.objects.create(item=claimed, part=part, claimant="Y", received_on=D(2025, 3, 25), standing="member")
    page = as_secretary.get(URL, {"status": "final"}).text
    assert "Lainvoimainen asia" in page
    assert "Vaadittu asia" not in page
    page = as_secretary.get(URL, {"status": "claims"}).text
    assert "Vaadittu asia" in page
    assert "Lainvoimainen asia" not in page


def test_a_status_filter_over_too_many_sections_asks_to_narrow_first(
    bodies, world, as_secretary, monkeypatch
):
    """The status is computed per section (#15): over the limit the page says so, lists the sections
    unfiltered, and filters once a body or year narrows the search."""
    monkeypatch.setattr("decisions.lists.STATUS_FILTER_LIMIT", 2)
    board, _other = bodies
    for number, year in ((1, 2024), (2, 2025), (3, 2025)):
        item = _item(board, D(year, 3, 18), number, f"Asia {number}", outcome="as_proposed")
        AppealPart.objects.create(item=item, kind="rectification")
        Notification.objects.create(item=item, recipient="X", method="letter", sent_on=D(year, 3, 20))
    response = as_secretary.get(URL, {"status": "claims"})
    assert response.status_code == 400
    assert "enintään 2 pykälälle, ja näihin rajauksiin osuu 3" in response.text
    assert "Asia 1" in response.text  # not filtered: nothing is hidden by a filter that did not run
    response = as_secretary.get(URL, {"status": "claims", "year": 2025})
    assert response.status_code == 200
    assert "Asia 2" not in response.text  # filtered: no claims pending


def test_one_search_finds_decisions_documents_and_people(bodies, world, as_member):
    board, _other = bodies
    item = _item(board, D(2025, 3, 18), 16, "Johtoryhmän asettaminen")
    Annex.objects.create(item=item, number=1, title="Yhteistyösopimus")
    PersonFactory(organisation=world.org_a, first_name="Satu", last_name="Sopimusmies")
    assert "Satu Sopimusmies" in as_member.get(URL, {"q": "sopimus"}).text  # names match from any part
    assert "liite 1. Yhteistyösopimus" in as_member.get(URL, {"q": "Yhteistyösopimus"}).text


def test_on_postgresql_the_search_understands_finnish_inflection(bodies, as_member):
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)", "REQUIRE_POSTGRESQL")
    board, _other = bodies
    _item(board, D(2025, 3, 18), 16, "Sopimuksen hyväksyminen")
    assert "Sopimuksen hyväksyminen" in as_member.get(URL, {"q": "sopimuksesta"}).text


@pytest.mark.parametrize(
    ("queryset", "fields", "index"),
    [
        (AgendaItem.objects.all, "ITEM_SEARCH_FIELDS", "item_text_search"),
        (Annex.objects.all, "ANNEX_SEARCH_FIELDS", "annex_text_search"),
    ],
)
def test_on_postgresql_the_search_reads_its_index(db, queryset, fields, index):
    """The search's expression and the index's (decisions migration 0010) are the same, so PostgreSQL
    can answer from the index rather than read every section's text (#15)."""
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)", "REQUIRE_POSTGRESQL")
    from decisions import lists

    sql, params = lists._matching(queryset(), getattr(lists, fields), "sopimus").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # tiny test tables: ask whether it CAN
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan, plan


@pytest.mark.parametrize(
    "query", [{"year": "abc"}, {"year": "99999"}, {"body": "x"}, {"sort": "drop"}, {"page": "-1"}]
)
def test_odd_filters_are_refused_or_ignored_never_a_server_error(bodies, as_member, query):
    assert as_member.get(URL, query).status_code in (200, 400)


def test_pages_of_25_at_a_constant_number_of_queries(bodies, as_member):
    board, _other = bodies

    def count(query):
        with CaptureQueriesContext(connection) as queries:
            response = as_member.get(URL, query)
        assert response.status_code == 200
        return len(queries), response.text

    for n in range(1, 6):
        _item(board, D(2025, 1, 1) + datetime.timedelta(days=n), n, f"Asia numero {n}")
    small, _ = count({})
    for n in range(6, 31):
        _item(board, D(2025, 1, 1) + datetime.timedelta(days=n), n, f"Asia numero {n}")
    large, text = count({})
    assert large == small
    assert "Sivu 1/2" in text
    _second, text = count({"page": 2})
    assert text.count('href="/decisions/') == 5 + 1  # five sections, and the main navigation's link


def test_the_list_is_reached_from_every_page(as_member):
    assert f'href="{reverse("decision-list")}"' in as_member.get(reverse("dashboard")).text
