"""What a registry does when one of its providers fails (a page's section or rows, a daily job).

In development and under tests (settings.DEBUG, or REGISTRIES_RAISE in tym/settings_test.py) the
failure is raised, so a broken provider fails its test instead of leaving a section quietly empty. In
production it is logged with its traceback and the registry goes on with the other providers: one
app's failure must not take a page, or everyone's daily jobs, down with it."""

from __future__ import annotations

import logging

from django.conf import settings


def failed(error: Exception, log: logging.Logger, message: str, *args: object) -> None:
    """ERROR came out of one provider: raised again in development and tests; in production logged
    with its traceback (as MESSAGE % ARGS), and the caller goes on with the other providers."""
    if settings.DEBUG or getattr(settings, "REGISTRIES_RAISE", False):
        raise error
    log.exception(message, *args, exc_info=error)
