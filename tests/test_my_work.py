"""My work on the front page (#17 item 1): the reader's own tasks from the apps' declarations (a member
without a personal deputy, a signature to record), the rules not met in their cooperations with a
link to where each is put right, and what changed since their last visit, read from history."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from auditlog import audit
from core.reminders import Audience, Due, Text
from governance import services
from governance.models import Membership
from organisations.my_work import concerns, last_visit
from tests.factories import PersonFactory

URL = "/"


def page_of(user) -> str:
    client = Client()
    client.force_login(user)
    return client.get(URL).content.decode()


def test_a_member_without_a_deputy_is_a_task_of_the_nominating_organisation_only(world, group_world):
    services.end_seat(
        seat=Membership.objects.get(deputy_of=group_world.chair),
        end_date=timezone.localdate() - datetime.timedelta(days=1),
        reason="resigned",
        actor=world.secretary,
    )
    mine = page_of(world.editor_a)
    task = "ei ole henkilökohtaista varajäsentä: kirjaa varajäsen."
    assert task in mine.split('id="tasks-heading"')[1].split("</section>")[0]
    assert task not in page_of(world.editor_b)
    assert task not in page_of(world.member)


def test_the_rules_not_met_are_listed_with_where_to_put_them_right(world, group_world):
    services.end_seat(
        seat=Membership.objects.get(deputy_of=group_world.vice_chair),
        end_date=timezone.localdate() - datetime.timedelta(days=1),
        reason="resigned",
        actor=world.secretary,
    )
    page = page_of(world.editor_b)
    section = page.split('id="findings-heading"')[1].split("</section>")[0]
    assert "ei ole henkilökohtaista varajäsentä" in section
    assert f'href="/groups/{group_world.group.pk}/#composition-heading"' in section
    assert 'id="findings-heading"' not in page_of(world.member)  # a viewer watches no rules here


def test_what_changed_since_the_last_visit(world, group_world):
    now = timezone.now()  # the group was seated just now: before the last visit below
    hour = datetime.timedelta(hours=1)
    with time_machine.travel(now + hour):
        audit.record("login", "/accounts/login/", user=world.editor_a)
    with time_machine.travel(now + 2 * hour):
        person = PersonFactory(organisation=world.org_a, first_name="Uusi", last_name="Varajäsen")
        services.seat_member(nomination=group_world.nomination_a, person=person, actor=world.secretary)
    with time_machine.travel(now + 3 * hour):
        world.editor_a.last_login = timezone.now()
        world.editor_a.save()
        assert abs(last_visit(world.editor_a) - (now + hour)) < datetime.timedelta(seconds=1)
        page = page_of(world.editor_a)
    changes = page.split('id="changes-heading"')[1].split("</section>")[0]
    assert "Uusi Varajäsen lisätty" in changes
    assert "K1 Henkilök1" not in changes  # seated before the last visit


def test_a_task_concerns_whom_its_audience_names(world):
    due = Due(
        "x",
        "k",
        timezone.localdate(),
        Text("t"),
        "/",
        world.area.cooperation_id,
        audience=Audience(secretaries=False, organisations=(world.org_a,)),
    )
    assert concerns(world.editor_a, due)
    assert not concerns(world.editor_b, due)
    assert not concerns(world.secretary, due)
    assert concerns(world.secretary, Due("x", "k", timezone.localdate(), Text("t"), "/", None))


@pytest.mark.browser
def test_an_editor_puts_a_missing_deputy_right_from_the_front_page(page, world, group_world):
    from tests.browser import assert_accessible, log_in

    services.end_seat(
        seat=Membership.objects.get(deputy_of=group_world.chair),
        end_date=timezone.localdate() - datetime.timedelta(days=1),
        reason="resigned",
        actor=world.secretary,
    )
    PersonFactory(organisation=world.org_a, first_name="Vara", last_name="Henkilö")
    log_in(page, "editor_a")
    page.goto("/")
    assert_accessible(page)
    page.get_by_role(
        "link",
        name="Jäsenellä A1 Henkilöa1 (Kaupunki A) ei ole henkilökohtaista varajäsentä: kirjaa varajäsen.",
    ).click()
    assert "/deputy/" in page.url  # straight to the form (#29 item 6)
    page.select_option("#id_person", label="Vara Henkilö")
    page.get_by_role("button", name="Tallenna").click()
    page.goto("/")
    tasks = page.locator("section[aria-labelledby=tasks-heading]").inner_text()
    assert "ei ole henkilökohtaista varajäsentä" not in tasks


def test_a_party_that_has_not_reported_its_staff_figures_has_a_task_until_it_does(world, group_world):
    from staffing import services as staffing
    from tests.factories import MunicipalityFactory

    MunicipalityFactory(code="992", name_fi="Äänekoski", area=world.area)
    year = timezone.localdate().year - 1
    task = f"Kaupunki A ei ole ilmoittanut henkilöstölukujaan vuodelta {year}"
    assert task in page_of(world.editor_a)
    assert task not in page_of(world.editor_b)
    staffing.replace_figures(
        group=group_world.group,
        year=year,
        organisation=world.org_a,
        kind="staff",
        rows=[["tehtavanimike", "kunta", "henkilomaara", "htv"], ["Työvalmentaja", "992", "2", "1.5"]],
        actor=world.editor_a,
    )
    assert task not in page_of(world.editor_a)


def test_a_long_list_of_tasks_shows_the_soonest_fifty_and_says_how_many_more(world, monkeypatch):
    from organisations import my_work

    many = [
        Due("x", f"k{n}", timezone.localdate() + datetime.timedelta(days=n), Text(f"Tehtävä {n}"), "/", None)
        for n in range(60)
    ]
    monkeypatch.setattr(my_work, "my_work", lambda user, today, cooperations: my_work.Work(tasks=many))
    page = page_of(world.secretary)
    assert "Tehtävä 49" in page
    assert "Tehtävä 50" not in page
    assert "Ja 10 muuta: lähimmät näytetään ensin." in page
