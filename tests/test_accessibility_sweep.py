"""Every portal page a national administrator (secretary) opens, over the first real case, in Finnish
and in Swedish: axe-core finds no violation, the page is in the language chosen, and none is a server
error (#17 acceptance). The other browser tests check pages with other roles' rights and forms sent."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.browser import assert_accessible, log_in

pytestmark = pytest.mark.browser

TARGET = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def _pages(world) -> list[str]:
    from agreements.models import Agreement
    from costs.models import DevelopmentDay
    from decisions.models import AgendaItem, Body
    from governance.models import Membership, Nomination, SteeringGroup
    from organisations.models import Cooperation, EmploymentArea, Organisation

    cooperation = Cooperation.objects.get(areas__code="etela-keski-suomi")
    area = EmploymentArea.objects.get(code="etela-keski-suomi")
    group = SteeringGroup.objects.get(cooperation=cooperation)
    item = AgendaItem.objects.get(year=2025, number=16)
    meeting = item.meeting
    body = Body.objects.get(pk=item.body_id)
    agreement = Agreement.objects.get(cooperation=cooperation)
    nomination = Nomination.objects.filter(group=group).first()
    seat = Membership.objects.filter(group=group, capacity="member").first()
    organisation = Organisation.objects.get(name_fi="Jämsän kaupunki")
    day = DevelopmentDay.objects.filter(group=group).first()
    code = cooperation.code
    urls = [
        reverse("dashboard"),
        reverse("cooperation-detail", args=[code]),
        reverse("area-detail", args=[area.code]),
        reverse("organisation-detail", args=[organisation.pk]),
        reverse("organisation-edit", args=[organisation.pk]),
        reverse("people-and-rights-index"),
        reverse("people-and-rights", args=[code]),
        reverse("audit-log"),
        reverse("access-rights", args=[code]),
        reverse("access-right-apply", args=[code]),
        reverse("agreement-list"),
        reverse("agreement-detail", args=[agreement.pk]),
        reverse("api-tokens"),
        reverse("archive-list", args=[code]),
        reverse("group-costs", args=[group.pk]),
        reverse("day-create", args=[group.pk]),
        reverse("decision-list"),
        reverse("decision-list") + "?q=sopimus",
        reverse("meeting-list"),
        reverse("item-detail", args=[item.pk]),
        reverse("body-edit", args=[body.pk]),
        reverse("body-members", args=[body.pk]),
        reverse("meeting-detail", args=[meeting.pk]),
        reverse("meeting-create", args=[body.pk]),
        reverse("deadline-calculator"),
        reverse("deadline-calculator") + "?kind=court_appeal&method=letter&date=2025-04-02",
        reverse("public-index", args=[body.code]),
        reverse("public-item", args=[body.code, item.pk]),
        reverse("seat-list"),
        reverse("group-detail", args=[group.pk]),
        reverse("group-history", args=[group.pk]),
        reverse("leader-create", args=[group.pk]),
        reverse("nomination-create", args=[group.pk]),
        reverse("nomination-edit", args=[nomination.pk]),
        reverse("seat-create", args=[nomination.pk]),
        reverse("deputy-create", args=[seat.pk]),
        reverse("seat-end", args=[seat.pk]),
        reverse("seat-replace", args=[seat.pk]),
        reverse("notification-list"),
        reverse("staffing-year", args=[group.pk, 2025]),
        reverse("staffing-assessment", args=[group.pk, 2025]),
        reverse("accessibility-statement"),
        reverse("privacy-notice"),
    ]
    if day is not None:
        urls += [reverse("day-detail", args=[day.pk]), reverse("cost-item-create", args=[day.pk])]
    return urls


def _screenshot_pages(world) -> dict[str, str]:
    """The main pages the README shows (#17 item 7), by file name."""
    from agreements.models import Agreement
    from decisions.models import AgendaItem
    from governance.models import SteeringGroup
    from organisations.models import Cooperation

    cooperation = Cooperation.objects.get(areas__code="etela-keski-suomi")
    group = SteeringGroup.objects.get(cooperation=cooperation)
    item = AgendaItem.objects.filter(body__area__cooperation=cooperation).order_by("pk").first()
    agreement = Agreement.objects.get(cooperation=cooperation)
    return {
        "front-page": reverse("dashboard"),
        "cooperation": reverse("cooperation-detail", args=[cooperation.code]),
        "steering-group": reverse("group-detail", args=[group.pk]),
        "decision": reverse("item-detail", args=[item.pk]),
        "decisions": reverse("decision-list"),
        "agreement": reverse("agreement-detail", args=[agreement.pk]),
        "people-and-seats": reverse("seat-list"),
        "archive": reverse("archive-list", args=[cooperation.code]),
    }


# One test for each language, so that pytest-xdist can give them to both workers (#32): each loads
# the first real case once for its pages and its screenshots.
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_page_a_secretary_opens_passes_axe_in_both_languages(
    page, world, live_server, tmp_path, language
):
    from importlib import import_module

    from django.apps import apps as django_apps

    call_command("load_demo", verbosity=0)
    # A browser test's database is emptied after each test: put the statements' first text back.
    import_module("statements.migrations.0002_statement_texts").seed(django_apps, None)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "secretary")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    for url in _pages(world):
        response = page.goto(url)
        assert response is not None, url
        assert response.status == 200, (url, response.status)
        assert page.locator("html").get_attribute("lang") == language, url
        assert_accessible(page)
    # Screenshots of the main pages (#17 item 7): the README shows the Finnish ones, which
    # TYM_SCREENSHOTS=1 writes to docs/screenshots/; every run takes them in both languages.
    target = TARGET if os.environ.get("TYM_SCREENSHOTS") == "1" and language == "fi" else tmp_path
    for name, url in _screenshot_pages(world).items():
        page.goto(url)
        page.screenshot(path=str(target / f"{name}.png"), full_page=False)
        assert (target / f"{name}.png").stat().st_size > 10_000, name
