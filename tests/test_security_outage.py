"""#31 items 2 and 6: logins, sessions and limits that survive a cache outage, a health check that says
which dependency fails, and the client's address through the trusted proxy only."""

import runpy
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from auditlog.models import AuditEvent
from core import health
from core.addresses import client_address

SETTINGS = Path(__file__).resolve().parent.parent / "tym" / "settings.py"
UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1: refused at once


@pytest.fixture
def production_with_redis_down(monkeypatch):
    """The settings the product builds with CACHE_URL set (as deployed), Redis then unreachable."""
    monkeypatch.setenv("CACHE_URL", UNREACHABLE)
    built = runpy.run_path(str(SETTINGS))
    with override_settings(SESSION_ENGINE=built["SESSION_ENGINE"], CACHES=built["CACHES"]):
        yield
    for name in ("default", "local"):
        caches[name].close()


def test_login_works_with_the_cache_unreachable(user, production_with_redis_down):
    client = Client()
    response = client.post("/accounts/login/", {"username": "member", "password": "password"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_password_reset_answers_and_is_limited_with_the_cache_unreachable(
    user, production_with_redis_down, settings
):
    settings.PASSWORD_RESET_LIMIT_PER_HOUR = 2
    caches["local"].clear()
    client = Client()
    statuses = [
        client.post("/accounts/password_reset/", {"email": "x@example.fi"}).status_code for _ in range(3)
    ]
    assert statuses == [302, 302, 429]  # counted in the process's own cache meanwhile
    caches["local"].clear()


def test_the_health_check_reports_each_dependency(db, client):
    assert client.get("/healthz/").json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
    }


def test_the_health_check_says_degraded_when_the_cache_is_down(db, client, production_with_redis_down):
    response = client.get("/healthz/")
    assert response.status_code == 200  # the portal serves: logins do not need the cache
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"].startswith("error")
    assert "127.0.0.1" not in response.text  # no host or credentials in a public answer


def test_the_health_check_is_503_when_the_database_is_down(db, client, monkeypatch):
    def broken():
        raise OSError("could not connect")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["status"] == "down"


class Request:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        ([], "10.0.0.5", "198.51.100.7", "10.0.0.5"),  # no proxy configured: the header is anyone's
        (["10.0.0.5"], "203.0.113.9", "198.51.100.7", "203.0.113.9"),  # not from the proxy: ignored
        (["10.0.0.5"], "10.0.0.5", "198.51.100.7", "198.51.100.7"),
        (["10.0.0.0/24"], "10.0.0.5", "1.2.3.4, 198.51.100.7, 10.0.0.6", "198.51.100.7"),  # spoofed left
        (["10.0.0.5"], "10.0.0.5", "", "10.0.0.5"),
        (["10.0.0.5"], "10.0.0.5", "garbage, 198.51.100.7", "198.51.100.7"),
        (["10.0.0.5"], "10.0.0.5", "198.51.100.7, garbage", "10.0.0.5"),
        (["10.0.0.5", "::1"], "::1", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_is_read_from_the_trusted_proxy_only(
    settings, proxies, remote, forwarded, expected
):
    settings.TRUSTED_PROXIES = proxies
    assert client_address(Request(remote, forwarded)) == expected


def test_behind_the_proxy_the_log_and_the_lock_out_see_each_client(user, settings):
    """Lock-out is by user AND client: one client's failures never lock the account for another."""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66")
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        attacker.post("/accounts/login/", {"username": "member", "password": "wrong"})
    assert (
        attacker.post("/accounts/login/", {"username": "member", "password": "password"}).status_code == 429
    )
    owner = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert owner.post("/accounts/login/", {"username": "member", "password": "password"}).status_code == 302
    addresses = set(AuditEvent.objects.filter(username="member").values_list("ip", flat=True))
    assert addresses == {"198.51.100.66", "198.51.100.7"}


def test_behind_the_proxy_the_password_reset_limit_is_each_clients(db, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.PASSWORD_RESET_LIMIT_PER_HOUR = 1
    caches["default"].clear()
    first = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert first.post("/accounts/password_reset/", {"email": "a@example.fi"}).status_code == 302
    assert first.post("/accounts/password_reset/", {"email": "b@example.fi"}).status_code == 429
    assert second.post("/accounts/password_reset/", {"email": "c@example.fi"}).status_code == 302
    caches["default"].clear()
