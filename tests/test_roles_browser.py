"""Each role reaches its work from the front page by following links only (#17 acceptance), in
Finnish, and each page on the way passes axe."""

import pytest

from tests.browser import assert_accessible, log_in
from tests.test_agreement_lifecycle import approving, draft  # noqa: F401

pytestmark = pytest.mark.browser


def test_a_member_finds_decisions_seats_and_meetings_from_the_front_page(page, world, group_world, published):
    log_in(page, "member")
    page.goto("/")
    page.get_by_role("link", name="Henkilöt ja jäsenyydet").click()
    assert "A1 Henkilöa1" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Päätökset").first.click()
    page.fill("#id_q", "hakemus")
    page.get_by_role("button", name="Näytä").click()
    page.get_by_role("link", name="§ 1/2026").click()
    assert "Liisa Virtasen hakemus" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Kokoukset").first.click()
    page.get_by_role("link", name="2.3.2026").click()
    assert "Lautakunta" in page.content()


def test_an_editor_reaches_the_signature_to_record_from_the_front_page(page, world, draft, approving):  # noqa: F811
    from agreements import services
    from tests.test_agreement_lifecycle import name_signatories

    services.approve(agreement=draft, decision=approving, actor=world.secretary)
    name_signatories(draft, world.secretary)
    services.send_for_signature(agreement=draft, actor=world.secretary)
    log_in(page, "editor_a")
    page.goto("/")
    page.get_by_role("link", name="Kaupunki A ei ole vielä allekirjoittanut sopimusta").click()
    assert page.locator("#id_signatory").count() == 1  # the signature form of the editor's own party
    assert_accessible(page)


def test_an_editor_reaches_the_figures_to_report_from_the_front_page(page, world, group_world):
    log_in(page, "editor_a")
    page.goto("/")
    page.get_by_role("link", name="Kaupunki A ei ole ilmoittanut henkilöstölukujaan").click()
    assert page.locator("#import-organisation").count() == 1  # the import of the editor's own party
    assert_accessible(page)


def test_a_secretary_reaches_the_people_and_the_api_from_the_front_page(page, world):
    log_in(page, "secretary")
    page.goto("/")
    page.get_by_role("link", name="API-tunnisteet").click()
    assert page.get_by_role("heading", name="API-tunnisteet").count() == 1
    page.get_by_role("link", name="Etusivu").click()
    page.get_by_role("link", name="Henkilöt ja oikeudet").click()
    assert_accessible(page)
