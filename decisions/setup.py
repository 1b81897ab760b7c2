"""A new cooperation's bodies (#26 item 7): the secretary adds a body to an employment area (e.g. a
second city's board), and the setup checklist shows each area's bodies (core/sections.py)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.forms import submit
from core.sections import Section, contributes
from core.views import form_page
from decisions import services
from decisions.models import Body
from organisations.access import get_area_for_user, is_secretary_of


@contributes("cooperation-setup", order=20)
def area_bodies(request, cooperation) -> Section:
    areas = cooperation.areas.prefetch_related("bodies").order_by("name_fi")
    return Section("decisions/_setup_section.html", {"areas": areas})


class BodyCreateForm(forms.Form):
    name_fi = forms.CharField(label=gettext_lazy("Name in Finnish"), max_length=200)
    name_sv = forms.CharField(label=gettext_lazy("Name in Swedish"), max_length=200, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Body.Kind.choices)
    council = forms.BooleanField(label=gettext_lazy("The municipal council (valtuusto)"), required=False)
    code = forms.SlugField(
        label=gettext_lazy("Code"),
        max_length=60,
        required=False,
        help_text=gettext_lazy("In the address of its public page; made from the name when left empty."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("code") and data.get("name_fi"):
            data["code"] = slugify(data["name_fi"])[:60]
        if data.get("code") and Body.objects.filter(code=data["code"]).exists():
            self.add_error(
                "code", _("A body with the code %(code)s already exists.") % {"code": data["code"]}
            )
        return data


@login_required
@require_http_methods(["GET", "POST"])
def body_create(request: HttpRequest, code: str) -> HttpResponse:
    area = get_area_for_user(request.user, code)
    if not is_secretary_of(request.user, area.cooperation_id):
        raise Http404
    form = BodyCreateForm(request.POST or None)
    if body := submit(
        request, form, lambda data: services.create_body(area=area, actor=request.user, **data)
    ):
        messages.success(request, _("The body %(body)s was added.") % {"body": body.name_fi})
        if area.cooperation is not None:
            return redirect("cooperation-setup", code=area.cooperation.code)
        return redirect("area-detail", code=area.code)
    back = reverse("area-detail", args=[area.code])
    return form_page(request, form, _("New body of %(area)s") % {"area": area.name_fi}, back, area.name_fi)
