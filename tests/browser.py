"""Browser tests drive Debian's Chromium through Playwright (never a browser Playwright downloads).
The fixtures `browser` and `page` are in conftest.py; these are the helpers the tests share."""

import shutil

from django.urls import reverse

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The WCAG 2.1 AA rules, reporting nodes in full only for violations: axe still runs every rule, but
# does not send back every passing node of a long admin list (its documented speed-up).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}


def log_in(page, username="editor_a"):
    """Log in through the form; a user who needs the second factor then gives a code (#14)."""
    from django.contrib.auth import get_user_model
    from django_otp.oath import TOTP

    from organisations.second_factor import needs_second_factor
    from tests.conftest import verified_device

    user = get_user_model().objects.get(username=username)
    device = verified_device(user) if needs_second_factor(user) else None
    page.goto(reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", "password")
    page.click("button.hds-button--primary")
    if device is not None:
        page.wait_for_url("**/second-factor/**")
        page.fill("#id_code", f"{TOTP(device.bin_key).token():06d}")
        page.click("button.hds-button--primary")
    page.wait_for_url("**/")


def assert_accessible(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]
    assert violations == [], "\n".join(violations)
