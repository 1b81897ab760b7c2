"""The use and disclosure log's page (auditlog.audit), for the national administrators: search by day,
user and action, newest first, a page at a time."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from auditlog import audit
from auditlog.models import AuditEvent
from core.forms import DATE_WIDGET
from core.views import AuthenticatedRequest
from organisations.access import rights_of

VERIFIED_ON_PAGE = 10_000  # the newest entries' chain is checked on each view; the command checks all


class AuditSearchForm(forms.Form):
    since = forms.DateField(label=_("Since"), required=False, widget=DATE_WIDGET)
    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("all")), *list(AuditEvent.Action.choices)]
    )


@login_required
def audit_log(request: AuthenticatedRequest) -> HttpResponse:
    if not rights_of(request.user).administrator:
        raise PermissionDenied
    form = AuditSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = audit.search(
        since=filters.get("since"), username=filters.get("user", ""), action=filters.get("action", "")
    )
    page = Paginator(list(_take(rows, 5000)), 100).get_page(request.GET.get("page"))
    broken = audit.verify(latest=VERIFIED_ON_PAGE)
    context = {
        "form": form,
        "page": page,
        "broken": broken,
        "query": request.GET.urlencode(),
        "verified": VERIFIED_ON_PAGE,
    }
    return render(
        request,
        "organisations/audit.html",
        context,
        status=200 if form.is_valid() or not form.is_bound else 400,
    )


def _take(rows, limit: int):
    for n, row in enumerate(rows):
        if n >= limit:
            return
        yield row
