"""Screenshots of the main pages for the README (#17 item 7), taken in Chromium over the first real
case (load_demo) as the secretary sees it. Every run takes them and checks each page with axe; with
TYM_SCREENSHOTS=1 they are written to docs/screenshots/, which the README shows."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser

TARGET = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_screenshots_of_the_main_pages(page, world, tmp_path, live_server, language):
    from agreements.models import Agreement
    from decisions.models import AgendaItem
    from governance.models import SteeringGroup
    from organisations.models import Cooperation

    call_command("load_demo", verbosity=0)
    cooperation = Cooperation.objects.get(areas__code="etela-keski-suomi")
    group = SteeringGroup.objects.get(cooperation=cooperation)
    item = AgendaItem.objects.filter(body__area__cooperation=cooperation).order_by("pk").first()
    agreement = Agreement.objects.get(cooperation=cooperation)
    pages = {
        "front-page": reverse("dashboard"),
        "cooperation": reverse("cooperation-detail", args=[cooperation.code]),
        "steering-group": reverse("group-detail", args=[group.pk]),
        "decision": reverse("item-detail", args=[item.pk]),
        "decisions": reverse("decision-list"),
        "agreement": reverse("agreement-detail", args=[agreement.pk]),
        "people-and-seats": reverse("seat-list"),
        "archive": reverse("archive-list", args=[cooperation.code]),
    }
    # The README shows the Finnish pages; the Swedish ones are checked with axe the same way.
    target = TARGET if os.environ.get("TYM_SCREENSHOTS") == "1" and language == "fi" else tmp_path
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "secretary")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    for name, url in pages.items():
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
        page.screenshot(path=str(target / f"{name}.png"), full_page=False)
        assert (target / f"{name}.png").stat().st_size > 10_000, name
