"""The user's own API tokens on the portal: make one (its key is shown once, on the answer page, and
never stored), see when each was last used, revoke one. A token reaches only what its user may reach."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from api.auth import MAX_VALIDITY_DAYS, issue_token, revoke_token
from api.models import ApiToken
from core.forms import DATE_WIDGET, submit
from core.views import AuthenticatedRequest


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("Which system uses the token, e.g. the municipality's case management."),
    )
    scopes = forms.ChoiceField(
        label=gettext_lazy("Scope"), choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ
    )
    expires_on = forms.DateField(label=gettext_lazy("Valid until"), widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].initial = timezone.localdate() + datetime.timedelta(days=180)
        self.fields["expires_on"].help_text = _("At most %(days)s days from today.") % {
            "days": MAX_VALIDITY_DAYS
        }


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: AuthenticatedRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    made = submit(request, form, lambda data: issue_token(user=request.user, **data))
    context = {
        "form": form,
        "tokens": ApiToken.objects.filter(user=request.user).order_by("-created_at"),
        "today": timezone.localdate(),
        "new_key": made[1] if made else None,
        "new_token": made[0] if made else None,
    }
    status = 400 if request.method == "POST" and not made else 200
    return render(request, "api/token_list.html", context, status=status)


@login_required
@require_POST
def token_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_token(token=token, actor=request.user)
    messages.success(request, _("The token was revoked: it no longer works."))
    return redirect("api-tokens")
