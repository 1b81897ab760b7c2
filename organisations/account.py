"""The signed-in user's own page (#29 item 7): who they are here, the rights they hold, and the ways to
look after their login (password, two-step verification, API tokens). The name in the header opens it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.views import AuthenticatedRequest
from organisations.models import Grant
from organisations.second_factor import needs_second_factor


@login_required
@require_GET
def account(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    grants = (
        Grant.objects.active()
        .filter(user=user)
        .select_related("organisation", "cooperation")
        .order_by("cooperation__name_fi", "organisation__name_fi", "role")
    )
    context = {"grants": grants, "second_factor": needs_second_factor(user)}
    return render(request, "organisations/account.html", context)
