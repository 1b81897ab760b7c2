import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class LanguageByChoiceMiddleware:
    """The page language is Finnish unless the user has chosen Swedish or English with the switch.

    Browsers' Accept-Language headers are ignored: on a shared office computer set to English, a
    Finnish official would otherwise get a language they never chose. Placed before LocaleMiddleware,
    which then reads only the language cookie and falls back to LANGUAGE_CODE (fi).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class NoStoreForUsersMiddleware:
    """A logged-in user's pages and documents are not kept by browsers or proxies (#14): a shared office
    computer's cache must not hold another official's personal data."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store, private"
        return response


class AuditMiddleware:
    """Records in the use and disclosure log (core.audit): refusals; a logged-in user's views of the
    record pages named in settings.AUDIT_VIEWED_PAGES; every document, export, calendar or API
    disclosure; password changes. Paths only: query strings and tokens are never written."""

    DISCLOSED_TYPES = ("application/pdf", "text/csv", "spreadsheetml", "text/calendar", "application/json")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        try:
            self._record(request, response)
        except Exception:  # never let the log break a page
            logging.getLogger(__name__).exception("audit middleware failed")
        return response

    def _record(self, request: HttpRequest, response: HttpResponse) -> None:
        from django.conf import settings

        from core import audit

        match = getattr(request, "resolver_match", None)
        name = match.url_name if match else ""
        if name and name.startswith("static"):
            return
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        target = "/calendar/<token>.ics" if name == "calendar-feed" else request.path
        ip = audit.client_address(request)
        status = response.status_code
        right = audit.describe_right(user) if signed_in else ""
        if status == 403:
            audit.record("refused", f"{request.method} {target}", user=user, right=right, result="403", ip=ip)
            return
        if (
            name in ("password_change", "password_reset_confirm")
            and request.method == "POST"
            and status == 302
        ):
            audit.record("password", target, user=user, result="changed", ip=ip)
            return
        if request.method != "GET" or status != 200:
            return
        content_type = response.get("Content-Type", "")
        disclosed = any(kind in content_type for kind in self.DISCLOSED_TYPES)
        if disclosed and (signed_in or name in settings.AUDIT_ANONYMOUS_DISCLOSURES):
            audit.record("disclose", target, user=user, right=right, ip=ip)
        elif signed_in and name in settings.AUDIT_VIEWED_PAGES:
            audit.record("view", target, user=user, right=right, ip=ip)
