from django.apps import AppConfig
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class AuditlogConfig(AppConfig):
    """The use and disclosure log (Act 906/2019 § 17): record() for the apps, the middleware and the
    login signals for the rest, the hash chain's check, retention, `manage.py audit_log`. It imports
    only core; the page that shows the log is the people and rights section's (organisations)."""

    name = "auditlog"
    verbose_name = capfirst(_("use and disclosure log"))

    def ready(self) -> None:
        from django.contrib.auth import signals

        from auditlog import audit  # registers its daily job (retention)

        signals.user_logged_in.connect(_logged_in, dispatch_uid="audit-login")
        signals.user_login_failed.connect(_login_failed, dispatch_uid="audit-login-failed")
        signals.user_logged_out.connect(_logged_out, dispatch_uid="audit-logout")
        del audit


def _logged_in(sender, request, user, **kwargs) -> None:  # type: ignore[no-untyped-def]
    from auditlog import audit

    # The way in: the login form, or an organisation's single sign-on (/sso/<provider>/callback/, #30).
    target = getattr(request, "path", "") or "/accounts/login/"
    audit.record("login", target, user=user, ip=audit.client_address(request))


def _login_failed(sender, credentials, request=None, **kwargs) -> None:  # type: ignore[no-untyped-def]
    from auditlog import audit

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
    from auditlog import audit

    if user is not None:
        audit.record("logout", "/accounts/logout/", user=user, ip=audit.client_address(request))
