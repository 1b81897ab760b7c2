"""Small interactions (#17 item 6): marking a notification read answers in place with htmx (served by
the app, no CDN), keeps the keyboard focus and tells a screen reader; without JavaScript the same
button posts the form and the list comes back."""

import datetime

import pytest
from django.test import Client

from notifications.models import Notification
from tests.browser import assert_accessible, log_in


def _notification(user) -> Notification:
    return Notification.objects.create(
        recipient=user,
        kind="invoice_overdue",
        object_key="a",
        due_date=datetime.date(2025, 1, 1),
        message="Lasku on erääntynyt",
    )


def test_with_htmx_the_row_alone_comes_back(world):
    notification = _notification(world.editor_a)
    client = Client()
    client.force_login(world.editor_a)
    answer = client.post(f"/notifications/{notification.pk}/read/", HTTP_HX_REQUEST="true")
    assert answer.status_code == 200
    text = answer.content.decode()
    assert text.lstrip().startswith("<li")
    assert "<html" not in text
    assert 'id="live-region" hx-swap-oob="innerHTML"' in text
    assert "Merkitty luetuksi." in text
    plain = client.post(f"/notifications/{notification.pk}/read/")
    assert plain.status_code == 302  # without JavaScript: the whole list again


@pytest.mark.browser
def test_marking_read_in_place_keeps_focus_and_loads_nothing_from_elsewhere(page, world, live_server):
    _notification(world.editor_a)
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    log_in(page, "editor_a")
    page.goto("/notifications/")
    url = page.url
    page.get_by_role("button", name="Merkitse luetuksi").click()
    page.get_by_role("button", name="Merkitse lukemattomaksi").wait_for()
    assert page.url == url
    # htmx settles the swap a moment after the new button appears: wait for the focus and the message
    page.wait_for_function("document.activeElement.textContent === 'Merkitse lukemattomaksi'", timeout=5000)
    page.wait_for_function(
        "document.getElementById('live-region').textContent.trim() === 'Merkitty luetuksi.'", timeout=5000
    )
    assert Notification.objects.get().read_at is not None
    assert outside == []
    assert_accessible(page)


@pytest.mark.browser
def test_without_javascript_the_same_button_works(browser, world, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    _notification(world.editor_a)
    log_in(page, "editor_a")
    page.goto("/notifications/")
    page.get_by_role("button", name="Merkitse luetuksi").click()
    assert page.get_by_role("button", name="Merkitse lukemattomaksi").count() == 1
    assert Notification.objects.get().read_at is not None
