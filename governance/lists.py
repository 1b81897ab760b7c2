"""People and their seats (#17 item 2): everyone seated in the steering groups the user sees on a
day (today unless asked), as member or personal deputy, by group, nominating organisation and name."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_WIDGET
from core.views import query_without_page
from governance.models import Membership, SteeringGroup
from organisations.access import cooperations_visible_to
from organisations.models import Organisation

PAGE_SIZE = 50


class SeatListForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    group = forms.ModelChoiceField(
        label=_("Steering group"), queryset=SteeringGroup.objects.none(), required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Nominated by"), queryset=Organisation.objects.none(), required=False
    )
    on = forms.DateField(
        label=_("On"), required=False, widget=DATE_WIDGET, help_text=_("Today unless given.")
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups.select_related("cooperation")  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=Membership.objects.filter(group__in=groups).values("organisation")
        ).order_by("name_fi")


@login_required
def seat_list(request: HttpRequest) -> HttpResponse:
    groups = SteeringGroup.objects.filter(cooperation__in=cooperations_visible_to(request.user)).order_by(
        "cooperation__name_fi", "-term_start"
    )
    form = SeatListForm(request.GET or None, groups=groups)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    on = data.get("on") or timezone.localdate()
    seats = Membership.objects.filter(group__in=groups).on(on)
    if data.get("group"):
        seats = seats.filter(group=data["group"])
    if data.get("organisation"):
        seats = seats.filter(organisation=data["organisation"])
    for word in (data.get("q") or "").split()[:5]:
        seats = seats.filter(Q(person__first_name__icontains=word) | Q(person__last_name__icontains=word))
    seats = seats.select_related(
        "person", "organisation", "group__cooperation", "deputy_of__person"
    ).order_by("person__last_name", "person__first_name", "pk")
    page = Paginator(seats, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "on": on, "query": query_without_page(request)}
    return render(request, "governance/seat_list.html", context, status=200 if not form.errors else 400)
