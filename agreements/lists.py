"""The agreements list (#17 item 2): every agreement of the cooperations the user sees, by
cooperation and status, the filters in the URL."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from core.views import query_without_page
from organisations.access import cooperations_visible_to
from organisations.models import Cooperation

PAGE_SIZE = 25


class AgreementListForm(forms.Form):
    cooperation = forms.ModelChoiceField(
        label=_("Cooperation"), queryset=Cooperation.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *Agreement.Status.choices]
    )

    def __init__(self, *args, cooperations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cooperation"].queryset = cooperations  # type: ignore[attr-defined]


@login_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    cooperations = cooperations_visible_to(request.user).order_by("name_fi")
    form = AgreementListForm(request.GET or None, cooperations=cooperations)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    agreements = Agreement.objects.filter(cooperation__in=cooperations).select_related("cooperation")
    if data.get("cooperation"):
        agreements = agreements.filter(cooperation=data["cooperation"])
    if data.get("status"):
        agreements = agreements.filter(status=data["status"])
    page = Paginator(agreements.order_by("cooperation__name_fi", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page, "query": query_without_page(request)}
    return render(request, "agreements/agreement_list.html", context, status=200 if not form.errors else 400)
