"""The idle timeout (#14) with renewal at most once a minute (#15): a session used now and then stays
open, one left idle for SESSION_COOKIE_AGE ends, and a page within the minute saves nothing."""

import datetime

import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _expiry(client: Client) -> datetime.datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_page_within_the_minute_does_not_save_the_session(world):
    client = _logged_in(world.member)
    client.get("/")  # renews
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    assert not [q for q in captured if 'UPDATE "django_session"' in q["sql"]]


def test_a_page_after_the_minute_renews_the_idle_timeout(world):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        client = _logged_in(world.member)
        client.get("/")
        first = _expiry(client)
    later = now + datetime.timedelta(seconds=settings.SESSION_RENEW_SECONDS + 5)
    with time_machine.travel(later, tick=False):
        assert client.get("/").status_code == 200
        assert _expiry(client) > first


def test_a_session_used_every_half_hour_stays_and_an_idle_one_ends(world):
    now = timezone.now()
    half_hour = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE // 2)
    with time_machine.travel(now, tick=False):
        client = _logged_in(world.member)
        client.get("/")
    for step in range(1, 5):  # two hours of use, a page every half an hour
        with time_machine.travel(now + step * half_hour, tick=False):
            assert client.get("/").status_code == 200
    idle = now + 4 * half_hour + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1)
    with time_machine.travel(idle, tick=False):
        assert client.get("/").status_code == 302  # to the login page


def test_with_a_shared_cache_a_page_reads_no_session_row_and_a_logout_ends_it_everywhere(world):
    """SESSION_ENGINE is cached_db when the cache is Redis (tym/settings.py): sessions are read from
    the cache, and a logout on one worker ends the session for all, since they share the cache."""
    from django.core.cache import caches
    from django.test import override_settings

    from tests.test_celery_worker import REDIS_URL, _redis_is_up
    from tests.tools import require

    require(_redis_is_up(), f"a Redis cache at {REDIS_URL}", "REQUIRE_BROKER")
    shared = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    with override_settings(CACHES=shared, SESSION_ENGINE="django.contrib.sessions.backends.cached_db"):
        caches["default"].clear()
        try:
            one = _logged_in(world.member)
            other = Client()  # another worker with the same cookie
            other.cookies[settings.SESSION_COOKIE_NAME] = one.cookies[settings.SESSION_COOKIE_NAME].value
            assert other.get("/").status_code == 200
            with CaptureQueriesContext(connection) as captured:
                assert other.get("/").status_code == 200
            assert not [q for q in captured if "django_session" in q["sql"]]
            one.post("/accounts/logout/")
            assert other.get("/").status_code == 302  # to the login page
        finally:
            caches["default"].clear()
