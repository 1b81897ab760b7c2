import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, UnreadablePostError
from django.http.multipartparser import MultiPartParserError


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


class SessionRenewalMiddleware:
    """The idle timeout (SESSION_COOKIE_AGE) counts from the last renewal, and a session is renewed at
    most once every SESSION_RENEW_SECONDS: saving it on every request cost three queries a page (#15).
    The timeout so ends at most that much sooner than counted from the very last request."""

    KEY = "_renewed"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session  # SessionMiddleware runs first
        if session.session_key is not None:
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.SESSION_RENEW_SECONDS:
                session[self.KEY] = now  # modified: SessionMiddleware saves it, with a new expiry
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
    # JSON that discloses no record: the load balancer's health check, also when a user opens it.
    NOT_RECORDS = frozenset({"healthz"})

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
        from core import audit

        match = getattr(request, "resolver_match", None)
        name = match.url_name if match else ""
        if name and (name.startswith("static") or name in self.NOT_RECORDS):
            return
        status = response.status_code
        method = request.method
        user = getattr(request, "user", None)
        # Decided before the right is described: most pages are not logged, and describing the right
        # reads the user's rights, three queries for a page that may need none (#32 item 6).
        if status == 403:
            action = "refused"
        elif name in ("password_change", "password_reset_confirm") and method == "POST" and status == 302:
            action = "password"
        elif method != "GET" or status != 200:
            return
        else:
            signed_in = user is not None and user.is_authenticated
            content_type = response.get("Content-Type", "")
            if any(kind in content_type for kind in self.DISCLOSED_TYPES):
                if not (signed_in or name in settings.AUDIT_ANONYMOUS_DISCLOSURES):
                    return
                action = "disclose"
            elif signed_in and name in settings.AUDIT_VIEWED_PAGES:
                action = "view"
            else:
                return
        # Secret tokens in paths are never written: the calendar feed's and the password reset link's.
        if name == "calendar-feed":
            target = "/calendar/<token>.ics"
        elif name == "password_reset_confirm":
            target = "/accounts/reset/<token>/"
        else:
            target = request.path
        ip = audit.client_address(request)
        if action == "password":
            audit.record("password", target, user=user, result="changed", ip=ip)
            return
        right = audit.describe_right(user) if user is not None and user.is_authenticated else ""
        if action == "refused":
            audit.record("refused", f"{method} {target}", user=user, right=right, result="403", ip=ip)
        else:
            audit.record(action, target, user=user, right=right, ip=ip)


class OnceMiddleware:
    """A POST carrying a form's one-time token ({% once %}) runs in one transaction with the token's
    insert. The same token again (a double click, two requests at once) finds it saved, or waits for
    the first and then finds it, and is answered "already done" without running the view. A refused
    POST (status 400 and up) rolls back, token included, so the corrected form can be sent."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            token = request.POST.get("once", "") if request.method == "POST" else ""
        except (MultiPartParserError, UnreadablePostError):
            # A broken upload (no boundary, a cut-off body) is the sender's error: 400, never 500.
            return HttpResponseBadRequest(b"The request body could not be read.", content_type="text/plain")
        if not (len(token) == 32 and all(c in "0123456789abcdef" for c in token)):
            return self.get_response(request)
        from django.contrib import messages
        from django.db import IntegrityError, transaction
        from django.shortcuts import redirect
        from django.utils.http import url_has_allowed_host_and_scheme
        from django.utils.translation import gettext as _

        from core.models import SubmittedForm

        user = getattr(request, "user", None)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    SubmittedForm.objects.create(
                        token=token,
                        path=request.path[:300],
                        user=user if user and user.is_authenticated else None,
                    )
            except IntegrityError:
                messages.info(request, _("This form was already sent: it was saved once."))
                back = request.META.get("HTTP_REFERER", "")
                safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
                return redirect(back if back and safe else "/")
            response = self.get_response(request)
            if response.status_code >= 400:
                transaction.set_rollback(True)
            return response
