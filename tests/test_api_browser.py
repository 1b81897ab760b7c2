"""An editor makes an API token in the portal, from the front page, in Finnish, and the API's
documentation opens from the same page with its scripts served by the app (#18 item 1)."""

import pytest
from django.urls import reverse

from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser


def test_an_editor_makes_a_token_from_the_front_page(page, world, live_server):
    log_in(page, "editor_a")
    page.goto(reverse("dashboard"))
    page.get_by_role("link", name="API-tunnisteet").click()
    assert_accessible(page)
    page.fill("#id_name", "Kunnan asianhallinta")
    page.get_by_role("button", name="Tee tunniste").click()
    key = page.locator("#new-key").inner_text()
    assert key.startswith("tym_")
    assert_accessible(page)
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    page.get_by_role("link", name="Rajapinnan kuvaus").click()
    page.wait_for_selector(".swagger-ui .opblock", timeout=20000)
    assert outside == []
