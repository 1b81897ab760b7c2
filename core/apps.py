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

        from core import audit, housekeeping

        signals.user_logged_in.connect(_logged_in, dispatch_uid="audit-login")
        signals.user_login_failed.connect(_login_failed, dispatch_uid="audit-login-failed")
        signals.user_logged_out.connect(_logged_out, dispatch_uid="audit-logout")
        del audit, housekeeping  # imported for their daily jobs


def _logged_in(sender, request, user, **kwargs) -> None:  # type: ignore[no-untyped-def]
    from core import audit

    audit.record("login", "/accounts/login/", user=user, ip=audit.client_address(request))
    from core.middleware import SessionRenewalMiddleware

    session = getattr(request, "session", None)
    if session is not None:  # a login saves the session: that is its first renewal
        session[SessionRenewalMiddleware.KEY] = int(time.time())


def _login_failed(sender, credentials, request=None, **kwargs) -> None:  # type: ignore[no-untyped-def]
    from core import audit

    # Only the name typed: the credentials also hold the password, which is never logged.
    username = str(credentials.get("username", ""))
    audit.record(
        "login_failed",
        "/accounts/login/",
        username=username,
        result="failed",
        ip=audit.client_address(request),
    )


def _logged_out(sender, request, user, **kwargs) -> None:  # type: ignore[no-untyped-def]
    from core import audit

    if user is not None:
        audit.record("logout", "/accounts/logout/", user=user, ip=audit.client_address(request))
