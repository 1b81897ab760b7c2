"""Lets the logout form reach the provider's end-session endpoint (#30).

The logout form is on every page, and CSP's form-action ('self') also governs where that form's
redirect may go: Chromium stops a redirect to another origin. So on the pages of a session signed in
through a provider, form-action also names the origin of that provider's end-session endpoint (kept
in the session at the sign-in). Listed after csp.middleware.CSPMiddleware, so it runs first on the way
out."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

SESSION_KEY = "sso"


class ProviderLogoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        signed_in = session.get(SESSION_KEY) if session is not None else None
        origin = signed_in.get("logout_origin") if isinstance(signed_in, dict) else None
        if origin and "text/html" in response.get("Content-Type", ""):
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = [*update.get("form-action", []), origin]
            response._csp_update = update  # type: ignore[attr-defined]
        return response
