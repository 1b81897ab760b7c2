"""A new cooperation's steering group (#26 item 7): the secretary records the set-up decision and the
term, then the nominations and seats on the group's own pages; the setup checklist shows where the
group stands (core/sections.py)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.forms import DATE_WIDGET, submit
from core.sections import Section, contributes
from core.views import form_page
from governance import services
from governance.models import SteeringGroup
from organisations.access import get_cooperation_for_user, is_secretary_of


@contributes("cooperation-setup", order=30)
def steering_group(request, cooperation) -> Section:
    groups = cooperation.steering_groups.order_by("-term_start", "pk")
    return Section("governance/_setup_section.html", {"groups": groups, "cooperation": cooperation})


class GroupForm(forms.ModelForm):
    class Meta:
        model = SteeringGroup
        fields = ["name", "set_up_by", "set_up_on", "set_up_reference", "term_start", "term_end"]
        widgets = {"set_up_on": DATE_WIDGET, "term_start": DATE_WIDGET, "term_end": DATE_WIDGET}
        help_texts = {
            "term_end": gettext_lazy("Left empty: five years from the start, as the decree sets the term.")
        }

    def _post_clean(self) -> None:
        pass  # the service validates the group with its cooperation


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest, code: str) -> HttpResponse:
    cooperation = get_cooperation_for_user(request.user, code)
    if not is_secretary_of(request.user, cooperation):
        raise Http404
    form = GroupForm(request.POST or None)
    if group := submit(
        request, form, lambda data: services.set_up_group(cooperation=cooperation, actor=request.user, **data)
    ):
        messages.success(request, _("The steering group was set up. Now record the parties' nominations."))
        return redirect("group-detail", pk=group.pk)
    back = reverse("cooperation-setup", args=[cooperation.code])
    return form_page(request, form, _("Set up the steering group"), back, cooperation.name_fi)
