import time

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The bottom layer: what every app shares (validated writes, the demo steps, PDF rendering, form
    helpers, charts, the registries of reminders and daily jobs). It imports no app of ours."""

    name = "core"
    verbose_name = _("Shared foundations")

    def ready(self) -> None:
        from django import forms
        from django.db import models
        from django.urls import register_converter

        from core import bounds

        # Every date a form takes or a model saves is within core.bounds (one place, #14).
        forms.DateField.default_validators = [bounds.validate_date]
        models.DateField.default_validators = [bounds.validate_date]
        register_converter(bounds.YearConverter, "year")

        from django.contrib.auth import signals
        from django.db.backends.signals import connection_created

        from core.search import register_sqlite_fold

        # The header search folds umlauts the same way on SQLite as PostgreSQL's unaccent (#29 item 5).
        connection_created.connect(register_sqlite_fold, dispatch_uid="tym-sqlite-fold")

        from core import housekeeping

        signals.user_logged_in.connect(_logged_in, dispatch_uid="session-renewed-at-login")
        del housekeeping  # imported for its daily job


def _logged_in(sender, request, user, **kwargs) -> None:  # type: ignore[no-untyped-def]
    from core.middleware import SessionRenewalMiddleware

    session = getattr(request, "session", None)
    if session is not None:  # a login saves the session: that is its first renewal
        now = int(time.time())
        session[SessionRenewalMiddleware.KEY] = now
        # and the start of its absolute lifetime (#31 item 8)
        session[SessionRenewalMiddleware.STARTED] = (user._meta.pk.value_to_string(user), now)
