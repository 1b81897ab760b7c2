"""What /healthz/ reports (#31 item 2): the database, the cache and the Celery broker, each "ok" or
the kind of error (never its text: hosts and credentials stay out of a public answer). Every check is
bounded by a short timeout, so a dependency that hangs cannot hang the health check."""

from __future__ import annotations

import logging

from django.conf import settings

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 2


def _database() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    from django.core.cache import cache

    cache.set("healthz", "1", timeout=10)
    if cache.get("healthz") != "1":
        raise RuntimeError("the cache did not keep a value")


def _broker() -> None:
    url = settings.CELERY_BROKER_URL
    if url.startswith("filesystem://"):
        import os

        folder = str(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
        if not os.access(folder, os.W_OK):
            raise RuntimeError("the broker's folder is not writable")
        return
    from kombu import Connection

    with Connection(url, connect_timeout=TIMEOUT_SECONDS) as connection:
        connection.ensure_connection(max_retries=1, interval_start=0, timeout=TIMEOUT_SECONDS)


CHECKS = {"database": _database, "cache": _cache, "broker": _broker}


def check_all() -> dict[str, str]:
    result = {}
    for name, check in CHECKS.items():
        try:
            check()
            result[name] = "ok"
        except Exception as error:
            log.warning("health: %s fails: %s", name, error)
            result[name] = f"error ({type(error).__name__})"
    return result
