"""Every main page fits a phone (#29 item 2; WCAG 2.1 1.4.10 reflow): at 390 and at 320 CSS pixels
the secretary's pages over the first real case scroll only downwards (the document is no wider than
the window), in Finnish, with no axe violation; the menu folds behind a button that the keyboard
opens and closes. TYM_SCREENSHOTS=1 retakes the README's front page at phone width."""

import os

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.browser import assert_accessible, log_in
from tests.test_accessibility_sweep import TARGET, _pages

pytestmark = pytest.mark.browser

WIDER_THAN_THE_WINDOW = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll("body *")]
    .filter((node) => !(node.parentElement && node.parentElement.closest(".table-scroll")))
    .filter((node) => node.getBoundingClientRect().right > width + 1)
    .slice(0, 3)
    .map((node) => node.tagName + "." + node.className + ": " + (node.textContent || "").trim().slice(0, 40));
  return {scroll: document.documentElement.scrollWidth, width: width, wide: wide};
}"""


def _fits(page, url):
    found = page.evaluate(WIDER_THAN_THE_WINDOW)
    assert found["scroll"] <= found["width"], (url, found)


# One test for each width, so that pytest-xdist can give them to both workers (#32); the menu and the
# README's phone screenshot at 390, axe at the narrower one, where a page is likeliest to break.
@pytest.mark.parametrize("width", [390, 320])
def test_the_main_pages_fit_a_phone_without_sideways_scrolling(page, world, tmp_path, width):
    from importlib import import_module

    from django.apps import apps as django_apps

    call_command("load_demo", verbosity=0)
    import_module("statements.migrations.0002_statement_texts").seed(django_apps, None)
    page.set_viewport_size({"width": width, "height": 844})
    log_in(page, "secretary")
    if width == 390:
        _the_menu_folds_behind_a_button_the_keyboard_opens_and_closes(page, tmp_path)
    page.set_viewport_size({"width": width, "height": 800})
    for url in _pages(world):
        response = page.goto(url)
        assert response is not None, url
        assert response.status == 200, url
        assert page.locator("html").get_attribute("lang") == "fi", url
        _fits(page, url)
        if width == 320:
            assert_accessible(page)


def _the_menu_folds_behind_a_button_the_keyboard_opens_and_closes(page, tmp_path):
    page.goto(reverse("dashboard"))
    toggle = page.get_by_role("button", name="Valikko")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("link", name="Ilmoitukset").is_visible()
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("link", name="Ilmoitukset").is_visible()
    assert page.get_by_role("link", name="API-tunnisteet").is_visible()
    assert_accessible(page)
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    target = TARGET if os.environ.get("TYM_SCREENSHOTS") == "1" else tmp_path
    page.screenshot(path=str(target / "front-page-phone.png"), full_page=False)
