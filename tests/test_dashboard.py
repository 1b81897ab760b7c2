import pytest
from django.urls import reverse

URL = reverse("dashboard")


def test_it_sends_an_anonymous_visitor_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_lists_the_editors_area_and_organisation(world, as_editor_a):
    response = as_editor_a.get(URL)
    assert response.status_code == 200
    assert world.area.name_fi in response.text
    assert world.org_a.name_fi in response.text
    assert world.org_b.name_fi not in response.text
    assert world.other_area.name_fi not in response.text


def test_it_lists_the_members_area_but_no_organisation(world, as_member):
    response = as_member.get(URL)
    assert world.area.name_fi in response.text
    assert "Et kirjaa asioita minkään organisaation puolesta." in response.text


def test_it_lists_every_area_for_the_secretary(world, as_secretary):
    response = as_secretary.get(URL)
    assert world.area.name_fi in response.text
    assert world.other_area.name_fi in response.text


def test_it_tells_an_outsider_whom_to_ask(world, as_outsider):
    response = as_outsider.get(URL)
    assert response.status_code == 200
    assert "Pyydä sitä lautakunnan sihteeriltä." in response.text


def test_it_speaks_finnish_by_default(world, as_member):
    response = as_member.get(URL)
    assert '<html lang="fi"' in response.text
    assert "Etusivu" in response.text


@pytest.mark.parametrize(
    ("language", "html_lang", "heading"),
    [
        ("sv", '<html lang="sv"', "Startsida"),
        ("en", '<html lang="en"', "Front page"),
        ("fi", '<html lang="fi"', "Etusivu"),
    ],
)
def test_the_language_switch_changes_the_page_language(world, as_member, language, html_lang, heading):
    response = as_member.post(reverse("set_language"), {"language": language, "next": URL}, follow=True)
    assert html_lang in response.text
    assert heading in response.text


def test_the_page_has_a_skip_link_and_landmarks(world, as_member):
    text = as_member.get(URL).text
    assert 'class="skip-link" href="#main"' in text
    assert '<main id="main"' in text
    assert "<header" in text
    assert "<nav" in text
    assert "<footer" in text


def test_a_browser_set_to_english_still_gets_finnish_until_the_user_chooses(world, as_member):
    response = as_member.get(URL, headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="fi"' in response.text


def _term_ends_in_60_days(group_world):
    import datetime

    from django.utils import timezone

    from governance.models import SteeringGroup

    day = timezone.localdate() + datetime.timedelta(days=60)
    SteeringGroup.objects.filter(pk=group_world.group.pk).update(term_end=day)
    return day


def test_the_front_page_shows_what_falls_due_in_the_users_cooperations(group_world, world, as_member):
    day = _term_ends_in_60_days(group_world)
    page = as_member.get(URL).text
    # declared by the governance app (core/reminders.py), read here as by the reminders and calendar
    assert f"Toimielimen TYM-johtoryhmä, Alueen A työllisyysalue toimikausi päättyy {day:%d.%m.%Y}." in page
    assert f"{day.day}.{day.month}.{day.year}" in page


def test_the_front_page_shows_nothing_of_cooperations_the_user_does_not_see(group_world, world, as_outsider):
    day = _term_ends_in_60_days(group_world)
    page = as_outsider.get(URL).text
    assert f"{day:%d.%m.%Y}" not in page
    assert "Yhteistoiminta-alueillasi ei erääny muuta lähikuukausina." in page
    assert "Sinulla ei ole odottavia tehtäviä." in page
