"""The front page at national scale (#15): a reader who sees more cooperations than
FRONT_PAGE_COOPERATIONS (a national administrator, Kela's people) chooses whose work the page
gathers; the page's queries stay the same however many cooperations there are."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from governance.models import SteeringGroup
from organisations.my_work import FRONT_PAGE_COOPERATIONS
from tests.factories import CooperationFactory, UserFactory


def cooperations_with_terms_ending(count: int) -> list:
    """COUNT cooperations whose steering group's term ends in a month: a task of the secretaries."""
    today = timezone.localdate()
    made = []
    for _ in range(count):
        cooperation = CooperationFactory()
        SteeringGroup.objects.create(
            cooperation=cooperation,
            name=f"Ryhmä {cooperation.code}",
            term_start=today - datetime.timedelta(days=1000),
            term_end=today + datetime.timedelta(days=30),
        )
        made.append(cooperation)
    return made


def tasks_of(page: str) -> str:
    return page.split('id="tasks-heading"')[1].split("</section>")[0]


@pytest.fixture
def admin_client(world) -> Client:
    client = Client()
    client.force_login(world.secretary)
    return client


def test_a_reader_of_a_few_cooperations_sees_all_their_work_without_choosing(world, admin_client):
    cooperations = cooperations_with_terms_ending(FRONT_PAGE_COOPERATIONS - 2)  # + the world's two
    page = admin_client.get("/").content.decode()
    assert 'name="cooperation"' not in page
    for cooperation in cooperations:
        assert f"Ryhmä {cooperation.code}" in tasks_of(page)


def test_a_national_administrator_chooses_the_cooperation_whose_work_is_shown(world, admin_client):
    cooperations = cooperations_with_terms_ending(FRONT_PAGE_COOPERATIONS + 1)
    page = admin_client.get("/").content.decode()
    assert 'name="cooperation"' in page
    assert "yhteistoiminta-aluetta: tälle sivulle kootaan niiden alueiden työt, joiden sihteeri olet" in page
    assert not any(f"Ryhmä {c.code}" in tasks_of(page) for c in cooperations)

    chosen = cooperations[2]
    page = admin_client.get(f"/?cooperation={chosen.code}").content.decode()
    assert f"Ryhmä {chosen.code}" in tasks_of(page)
    assert not any(f"Ryhmä {c.code}" in tasks_of(page) for c in cooperations if c != chosen)
    assert f'value="{chosen.code}" selected' in page


def cooperations_listed(page: str) -> str:
    return page.split('id="cooperations-heading"')[1].split("</section>")[0]


def test_a_national_administrator_gets_the_chosen_cooperation_listed_not_every_one(world, admin_client):
    cooperations = cooperations_with_terms_ending(FRONT_PAGE_COOPERATIONS + 1)
    chosen = cooperations[1]
    page = admin_client.get(f"/?cooperation={chosen.code}").content.decode()
    listed = cooperations_listed(page)
    assert f'href="/cooperations/{chosen.code}/"' in listed
    assert not any(f'href="/cooperations/{c.code}/"' in listed for c in cooperations if c != chosen)
    assert "valitse toinen yllä" in listed  # where the others are
    assert "voit kirjata jokaisen organisaation puolesta" in page  # not a list of every organisation
    choice = page.split('id="id_scope_cooperation"')[1].split("</select>")[0]
    assert all(f'value="{c.code}"' in choice for c in cooperations)  # every one is in the selector


@pytest.mark.parametrize("code", ["ei-ole", "<script>", "x" * 5000, "a\x00b", "%"])
def test_an_unknown_or_odd_choice_shows_no_cooperation_and_no_error(world, admin_client, code):
    cooperations_with_terms_ending(FRONT_PAGE_COOPERATIONS + 1)
    response = admin_client.get("/", {"cooperation": code})
    assert response.status_code == 200
    choice = response.content.decode().split('id="id_scope_cooperation"')[1].split("</select>")[0]
    assert " selected>" not in choice


def test_a_cooperation_out_of_sight_cannot_be_chosen(world):
    hidden = cooperations_with_terms_ending(FRONT_PAGE_COOPERATIONS + 1)[0]
    client = Client()
    client.force_login(world.editor_a)
    page = client.get(f"/?cooperation={hidden.code}").content.decode()
    assert f"Ryhmä {hidden.code}" not in page


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm-up
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_front_page_makes_as_many_queries_for_six_cooperations_as_for_sixteen(world, admin_client):
    cooperations = cooperations_with_terms_ending(FRONT_PAGE_COOPERATIONS + 1)
    chosen = f"/?cooperation={cooperations[0].code}"
    before = (_queries(admin_client, "/"), _queries(admin_client, chosen))
    cooperations_with_terms_ending(10)
    assert (_queries(admin_client, "/"), _queries(admin_client, chosen)) == before


@pytest.mark.browser
def test_an_administrator_chooses_a_cooperation_on_the_front_page_in_a_browser(page, world, live_server):
    from tests.browser import assert_accessible, log_in

    cooperations = cooperations_with_terms_ending(FRONT_PAGE_COOPERATIONS + 1)
    chosen = cooperations[3]
    log_in(page, "secretary")
    page.goto("/")
    page.get_by_label("Yhteistoiminta-alue, jonka työt näytetään").select_option(chosen.code)
    page.get_by_role("button", name="Näytä").click()
    page.get_by_role("link", name=f"Ryhmä {chosen.code}").first.wait_for()
    assert f"cooperation={chosen.code}" in page.url
    assert_accessible(page)


def _national(count: int) -> list:
    """COUNT more cooperations of the national data: each with its parties, a steering group with
    seats, an agreement, meetings with decisions, objectives, staffing and costs."""
    from devdata.national import Generator
    from organisations.models import Cooperation

    before = set(Cooperation.objects.values_list("pk", flat=True))
    Generator(cooperations=count, years=2, seed=32, progress=lambda *a: None).run()
    return list(Cooperation.objects.exclude(pk__in=before).order_by("pk"))


def _give(user, role: str, cooperations) -> None:
    """ROLE in each of COOPERATIONS, through its first party (an administrator sees them all already)."""
    from organisations.models import Grant, Participation
    from organisations.services import grant

    if role == "administrator":
        return
    for cooperation in cooperations:
        party = Participation.objects.filter(cooperation=cooperation).order_by("pk").first().organisation
        grant(user=user, role=getattr(Grant.Role, role.upper()), organisation=party, cooperation=cooperation)


@pytest.mark.parametrize(
    ("role", "threshold"),
    [
        # the secretary of each: over five, they choose, and their own ten are gathered all the same
        ("secretary", FRONT_PAGE_COOPERATIONS),
        # a viewer of each and an administrator: over five, the work of the one chosen
        ("viewer", FRONT_PAGE_COOPERATIONS),
        ("administrator", FRONT_PAGE_COOPERATIONS),
        # a viewer who gathers the work of all ten (the threshold raised: no choice offered)
        ("viewer", 10),
    ],
)
def test_the_front_page_makes_as_many_queries_for_ten_cooperations_as_for_one(
    role, threshold, db, monkeypatch
):
    """#32 item 6: a reader of one cooperation and a reader of ten make the same queries, whether the
    page gathers the work of all ten or of the one chosen."""
    from organisations import access, my_work

    monkeypatch.setattr(my_work, "FRONT_PAGE_COOPERATIONS", threshold)
    with time_machine.travel("2026-03-20 10:00 +0200", tick=False):
        first = _national(1)
        reader = UserFactory(username=f"lukija-{role}")
        if role == "administrator":
            access.make_secretary(reader)
        _give(reader, role, first)
        client = Client()
        client.force_login(reader)
        url = f"/?cooperation={first[0].code}"
        one = _queries(client, url)
        more = _national(9)
        _give(reader, role, more)
        page = client.get(url).content.decode()
        ten = _queries(client, url)
    gathered = more if role == "secretary" or threshold == 10 else []
    assert all(f'href="/cooperations/{c.code}/"' in cooperations_listed(page) for c in [*first, *gathered])
    assert ten == one, f"{role}: {one} queries for one cooperation, {ten} for ten"
