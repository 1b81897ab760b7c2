"""#31 item 8: an absolute session lifetime, and `check --deploy` passing with the README's defaults."""

import datetime
import os
import secrets
import subprocess
import sys
from pathlib import Path

import time_machine
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent


def test_a_session_ends_at_its_absolute_lifetime_however_active(user, settings):
    settings.SESSION_ABSOLUTE_SECONDS = 9 * 60 * 60 + 30 * 60  # 9 h 30 min
    start = datetime.datetime(2026, 3, 2, 7, 0, tzinfo=datetime.UTC)
    client = Client()
    with time_machine.travel(start, tick=False):
        assert (
            client.post("/accounts/login/", {"username": "member", "password": "password"}).status_code == 302
        )
    for n in range(1, 12):  # a request every 50 minutes, up to 9 h 10 min: never idle
        with time_machine.travel(start + datetime.timedelta(minutes=50 * n), tick=False):
            assert client.get("/").status_code == 200, n
    with time_machine.travel(start + datetime.timedelta(hours=9, minutes=55), tick=False):
        response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_lifetime_counts_from_the_login_not_from_an_earlier_anonymous_session(user, settings):
    settings.SESSION_ABSOLUTE_SECONDS = 60 * 60
    start = datetime.datetime(2026, 3, 2, 7, 0, tzinfo=datetime.UTC)
    client = Client()
    with time_machine.travel(start, tick=False):
        session = client.session
        session["anything"] = 1
        session.save()
        client.cookies["sessionid"] = session.session_key
        client.get("/accounts/login/")
    later = start + datetime.timedelta(hours=3)
    with time_machine.travel(later, tick=False):
        assert (
            client.post("/accounts/login/", {"username": "member", "password": "password"}).status_code == 302
        )
        assert client.get("/").status_code == 200


def test_check_deploy_passes_with_the_defaults(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("DEBUG", "DJANGO_SETTINGS_MODULE")}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="tym.example.fi",
        DJANGO_SETTINGS_MODULE="tym.settings",
        TYM_VAR_DIR=str(tmp_path),
    )
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
