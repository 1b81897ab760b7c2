from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.views import PasswordResetView
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_htmx.middleware import HtmxDetails


def healthz(request: HttpRequest) -> HttpResponse:
    """Health for the load balancer and monitoring (#31 item 2): each dependency's state. 200 while the
    portal can serve (the database answers): "ok", or "degraded" when the cache or the broker does not
    (logins, sessions and limits do not need the cache; reminders wait for the broker); 503 "down" when
    the database does not answer."""
    from core import health

    checks = health.check_all()
    if checks["database"] != "ok":
        status, code = "down", 503
    elif all(value == "ok" for value in checks.values()):
        status, code = "ok", 200
    else:
        status, code = "degraded", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)


class AuthenticatedRequest(HttpRequest):
    """The request of a view behind login_required: its user is a real user, never anonymous."""

    user: User
    htmx: HtmxDetails  # django_htmx.middleware.HtmxMiddleware


class RateLimitedPasswordResetView(PasswordResetView):
    """Password reset, limited per address and per client (#14): the form cannot be used to flood a
    person's mailbox or to probe addresses. Over the limit the page answers as usual, sending nothing
    for the address and 429 for the client."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from core.addresses import client_address

        client = client_address(request) or ""
        if _over_limit(f"pwreset:ip:{client}"):
            return HttpResponse(
                _("Too many password reset requests. Try again in an hour."),
                status=429,
                content_type="text/plain",
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        address = form.cleaned_data.get("email", "").strip().lower()
        if _over_limit(f"pwreset:email:{address}"):
            return HttpResponseRedirect(self.get_success_url())  # as if sent: tells nothing
        return super().form_valid(form)


def _over_limit(key: str) -> bool:
    """One more request counted under KEY this hour; True when over the limit. The counters live in the
    shared cache; when it does not answer, in this process's own (#31 item 2): a per-process limit, but
    a limit, and the page answers instead of failing."""
    import logging

    from django.core.cache import caches

    limit = settings.PASSWORD_RESET_LIMIT_PER_HOUR
    try:
        return _count(cache, key) > limit
    except Exception:
        logging.getLogger(__name__).warning("the cache does not answer: the limit is counted per process")
        return _count(caches["local"], key) > limit


def _count(store: Any, key: str) -> int:
    store.add(key, 0, timeout=60 * 60)
    try:
        return int(store.incr(key))
    except ValueError:  # expired between add and incr
        store.set(key, 1, timeout=60 * 60)
        return 1


def form_page(
    request: HttpRequest,
    form: Any,
    title: str,
    back_url: str,
    back_label: str,
    *,
    template: str = "core/form_page.html",
    **extra: Any,
) -> HttpResponse:
    """A task's form on a page of its own; 400 when a POST comes back (core.forms.submit refused it).
    TEMPLATE is core/confirm_page.html for a step that cannot be undone (its warning and facts first)."""
    context = {"form": form, "title": title, "back_url": back_url, "back_label": back_label, **extra}
    return render(request, template, context, status=400 if request.method == "POST" else 200)


def detail_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """An object's own page, which carries small forms (a signature, a claim, an invitation): a form
    that core.forms.submit refused comes back in CONTEXT in place of the blank one; 400 when a POST
    comes back. Not form_page, because the form is one of several on a page with its own template
    and context (the object, its parts, its other forms), which a title and a back link cannot carry."""
    return render(request, template, context, status=400 if request.method == "POST" else 200)


def query_without_page(request: HttpRequest) -> str:
    """The list's filters from the URL, for the page links (the filters stay in the URL)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def search_page(request: HttpRequest) -> HttpResponse:
    """The header search's results (#29 item 5): each app's hits for the reader, grouped by kind
    (core/search.py); only for the signed in, as every page of records."""
    from django.contrib.auth.views import redirect_to_login

    from core import search

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    text = " ".join(request.GET.get("q", "").split())[:200]
    groups = search.search(request, text) if text else []
    return render(request, "core/search.html", {"text": text, "search_text": text, "groups": groups})
