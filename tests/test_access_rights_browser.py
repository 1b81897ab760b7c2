"""The access-rights register in Chromium, in Finnish, from the front page (#18 item 3): a party's editor
applies for a colleague's access, records the grant and ends it; each page passes axe."""

import re

import pytest

from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser


def test_an_editor_keeps_the_register_of_their_own_staff(page, world):
    from tests.factories import PersonFactory

    PersonFactory(organisation=world.org_a, first_name="Äijä", last_name="Öhman")
    log_in(page, "editor_a")
    page.get_by_role("link", name=world.area.cooperation.name_fi, exact=True).first.click()
    page.get_by_role("link", name="Käyttöoikeudet", exact=True).click()
    page.get_by_text("Käyttöoikeuksia ei ole kirjattu").wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Hae käyttöoikeutta").click()
    page.select_option("#id_person", label="Äijä Öhman")
    page.fill("#id_role", "asiantuntija")
    page.fill("#id_applied_on", "2026-01-05")
    page.fill("#id_applied_by", "Aino Editori")
    assert_accessible(page)
    page.get_by_role("button", name="Tallenna").click()
    page.get_by_text("Hakemus kirjattiin").wait_for()
    row = page.locator("tr", has_text="Äijä Öhman")
    assert "haettu" in row.inner_text()

    row.get_by_role("link", name=re.compile("^Myönnetty")).click()
    page.fill("#id_on", "2026-01-07")
    page.fill("#id_by", "KEHA-pääkäyttäjä")
    page.get_by_role("button", name="Tallenna").click()
    row = page.locator("tr", has_text="Äijä Öhman")
    assert "KEHA-pääkäyttäjä" in row.inner_text()

    row.get_by_role("link", name=re.compile("^Päätä")).click()
    page.fill("#id_on", "2026-06-30")
    page.fill("#id_by", "Aino Editori")
    page.get_by_role("button", name="Tallenna").click()
    row = page.locator("tr", has_text="Äijä Öhman")
    assert "30.6.2026" in row.inner_text()
    assert row.get_by_role("link").count() == 0  # an ended right is not changed again
    assert_accessible(page)
