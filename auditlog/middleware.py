"""The use and disclosure log's middleware: what a request discloses, recorded after the page."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from auditlog import audit


class AuditMiddleware:
    """Records in the use and disclosure log (auditlog.audit): refusals (403, and a signed-in user's
    404); a logged-in user's views of the record pages named in settings.AUDIT_VIEWED_PAGES; every
    document, export, calendar or API disclosure; password changes. Paths only: query strings and
    tokens are never written."""

    DISCLOSED_TYPES = ("application/pdf", "text/csv", "spreadsheetml", "text/calendar", "application/json")
    # JSON that discloses no record: the load balancer's health check, also when a user opens it.
    NOT_RECORDS = frozenset({"healthz"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A failure to log raises (#31 item 3): the page it should have recorded is not given out.
        self._record(request, response)
        return response

    def _record(self, request: HttpRequest, response: HttpResponse) -> None:
        match = getattr(request, "resolver_match", None)
        name = match.url_name if match else ""
        if name and (name.startswith("static") or name in self.NOT_RECORDS):
            return
        status = response.status_code
        method = request.method
        user = getattr(request, "user", None)
        # Decided before the right is described: most pages are not logged, and describing the right
        # reads the user's rights, three queries for a page that may need none (#32 item 6).
        signed_in = user is not None and user.is_authenticated
        # Refusals: 403, and 404 for a signed-in user (a record refused is answered as one not there,
        # #31 item 8); an anonymous 404 is a mistyped or probed address, not a record's refusal.
        if status == 403 or (status == 404 and signed_in):
            action = "refused"
        elif name in ("password_change", "password_reset_confirm") and method == "POST" and status == 302:
            action = "password"
        elif method != "GET" or status != 200:
            return
        else:
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
            audit.record("refused", f"{method} {target}", user=user, right=right, result=str(status), ip=ip)
        else:
            audit.record(action, target, user=user, right=right, ip=ip)
