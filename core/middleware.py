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
    STARTED = "_started"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session  # SessionMiddleware runs first
        if session.session_key is not None:
            now = int(time.time())
            # The absolute lifetime (#31 item 8): however active, a session ends SESSION_ABSOLUTE_SECONDS
            # after it began, and the user logs in again (password and second factor).
            # Counted from the login: a session kept from before it (cycle_key keeps the data) or from
            # another user's starts again.
            user_id = session.get("_auth_user_id")
            started_for, started = session.get(self.STARTED) or (None, now)
            if started_for != user_id:
                session[self.STARTED] = (user_id, now)
                started = now
            if now - started >= settings.SESSION_ABSOLUTE_SECONDS:
                session.flush()  # before AuthenticationMiddleware: the request is anonymous
            elif now - session.get(self.KEY, 0) >= settings.SESSION_RENEW_SECONDS:
                session[self.KEY] = now  # modified: SessionMiddleware saves it, with a new expiry
        response = self.get_response(request)
        user_id = session.get("_auth_user_id")
        if user_id is not None and (session.get(self.STARTED) or (None, 0))[0] != user_id:
            session[self.STARTED] = (user_id, int(time.time()))  # this request logged in
        return response


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


class OnceMiddleware:
    """A POST carrying a form's one-time token ({% once %}, issued by the server: core.once) is run once.
    The token is saved first, in a transaction (or savepoint) of its own; the same token again (a double
    click, two requests at once) finds it saved, or waits for the first's insert and then finds it, and
    is answered "already done" without running the view. A refused POST (status 400 and up) removes the
    token again, so the corrected form can be sent, and nothing else: the view's own writes are the
    view's (#31 item 1: rolling the whole request back took django-axes' and django-otp's failure
    counters and the use log's rows with it, so a fresh token bought a fresh guess). A token the server
    did not issue is no token: the request runs as one without it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            token = request.POST.get("once", "") if request.method == "POST" else ""
        except (MultiPartParserError, UnreadablePostError):
            # A broken upload (no boundary, a cut-off body) is the sender's error: 400, never 500.
            return HttpResponseBadRequest(b"The request body could not be read.", content_type="text/plain")
        from core import once

        nonce = once.nonce_of(token) if token else None
        if nonce is None:
            return self.get_response(request)
        from django.contrib import messages
        from django.db import IntegrityError, transaction
        from django.shortcuts import redirect
        from django.utils.http import url_has_allowed_host_and_scheme
        from django.utils.translation import gettext as _

        from core.models import SubmittedForm

        user = getattr(request, "user", None)
        try:
            with transaction.atomic():
                SubmittedForm.objects.create(
                    token=nonce,
                    path=request.path[:300],
                    user=user if user and user.is_authenticated else None,
                )
        except IntegrityError:
            messages.info(request, _("This form was already sent: it was saved once."))
            back = request.META.get("HTTP_REFERER", "")
            safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
            return redirect(back if back and safe else "/")
        try:
            response = self.get_response(request)
        except BaseException:
            SubmittedForm.objects.filter(token=nonce).delete()
            raise
        if response.status_code >= 400:
            SubmittedForm.objects.filter(token=nonce).delete()
        return response
