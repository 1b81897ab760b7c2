"""WCAG 2.1 AA in the admin site too (#17 item 3; Act 306/2019): with the first real case loaded, every
admin page the board secretary opens (each model's list, its add page and a record's change page), and
the user and lock-out pages a superuser opens, have no axe violation (in Finnish; the shared templates
in Swedish too)."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from tests.browser import AXE_OPTIONS, log_in

# WCAG 2.1 AA, and a header cell that names its column (#29 item 7: axe's best-practice rule
# empty-table-header found empty headers on the admin's lists and inlines).
ADMIN_AXE_OPTIONS = {**AXE_OPTIONS, "rules": {"empty-table-header": {"enabled": True}}}

pytestmark = pytest.mark.browser

REGISTERED = sorted(admin.site._registry.items(), key=lambda entry: entry[0]._meta.label)
SUPERUSER_ONLY = ("auth", "axes", "otp_totp", "otp_static", "core", "statements")


def _urls(user, app_labels_excluded=(), only=None):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    urls = []
    for model, model_admin in REGISTERED:
        meta = model._meta
        if meta.app_label in app_labels_excluded or (only is not None and meta.app_label not in only):
            continue
        name = f"admin:{meta.app_label}_{meta.model_name}"
        urls.append(reverse(f"{name}_changelist"))
        if model_admin.has_add_permission(request):
            urls.append(reverse(f"{name}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"{name}_change", args=[first.pk]))
    return urls


def _violations(page, urls):
    from axe_playwright_python.sync_playwright import Axe

    found = []
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        results = Axe().run(page, options=ADMIN_AXE_OPTIONS)
        found += [f"{url}: {v['id']} {v['nodes'][0]['target']}" for v in results.response["violations"]]
    return found


# The Finnish walk in four parts of every fourth page, each its own test, so that pytest-xdist gives
# them to both workers instead of one worker walking a hundred pages while the other waits (#32).
PARTS = 4


def _secretarys_admin(page):
    from django.contrib.auth import get_user_model

    call_command("load_demo", verbosity=0)
    log_in(page, "secretary")
    return get_user_model().objects.get(username="secretary")


@pytest.mark.parametrize("part", range(PARTS))
def test_the_secretarys_admin_pages_have_no_axe_violations(page, live_server, part):
    # Every page once, in Finnish (the default): together the parts open every one of them.
    secretary = _secretarys_admin(page)
    urls = [reverse("admin:index"), *_urls(secretary, app_labels_excluded=SUPERUSER_ONLY)]
    assert len(urls) > 80
    assert _violations(page, urls[part::PARTS]) == []


def test_the_secretarys_admin_pages_have_no_axe_violations_in_swedish(page, live_server):
    # The admin is for data repairs (README), so the Swedish pass covers the shared templates (index,
    # a list, an add and a change page), not every model again: the same templates with other words,
    # at a third of the suite's time (#32 item 1).
    secretary = _secretarys_admin(page)
    page.context.add_cookies([{"name": "django_language", "value": "sv", "url": live_server.url}])
    swedish = [reverse("admin:index"), *_urls(secretary, only=("governance",))]
    assert len(swedish) >= 4
    assert _violations(page, swedish) == []
    assert page.locator("html").get_attribute("lang") == "sv"


def test_the_superusers_admin_pages_have_no_axe_violations(page, world):
    from tests.factories import UserFactory

    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    log_in(page, "root")
    urls = _urls(root, only=SUPERUSER_ONLY)
    assert len(urls) >= 8
    assert _violations(page, urls) == []
