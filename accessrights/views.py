"""The access-rights register in the portal: a party's editors apply for, record the grant, update and
end their own staff's rights; the secretary sees every party's; both export what they see."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accessrights import access, services
from accessrights.forms import ApplyForm, StepForm, UpdateForm
from accessrights.models import AccessRight
from core import exports
from core.forms import submit
from core.views import form_page


def _rows(rights):
    return rights.select_related("person", "organisation").order_by(
        "organisation__name_fi", "person__last_name", "person__first_name", "-applied_on"
    )


@login_required
def register(request: HttpRequest, code: str) -> HttpResponse:
    cooperation, rights, parties = access.get_register_for_user(request.user, code)
    context = {
        "cooperation": cooperation,
        "rights": _rows(rights),
        "own_party_ids": set(parties.values_list("pk", flat=True)),
        "apply_form": ApplyForm(cooperation=cooperation, parties=parties) if parties else None,
    }
    return render(request, "accessrights/register.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, code: str) -> HttpResponse:
    cooperation, _rights, parties = access.get_register_for_user(request.user, code)
    if not parties.exists():
        raise Http404
    form = ApplyForm(request.POST or None, cooperation=cooperation, parties=parties)
    if submit(
        request,
        form,
        lambda data: services.apply(
            actor=request.user, cooperation=cooperation, organisation=data["person"].organisation, **data
        ),
    ):
        messages.success(request, _("The application was recorded."))
        return redirect("access-rights", code=cooperation.code)
    back = reverse("access-rights", args=[cooperation.code])
    return form_page(
        request, form, _("Apply for access to the customer information system"), back, _("Access rights")
    )


STEPS: dict[str, tuple[type[StepForm], Callable[..., AccessRight], Promise]] = {
    "grant": (StepForm, services.grant, gettext_lazy("Record the grant")),
    "update": (UpdateForm, services.update, gettext_lazy("Record an update")),
    "end": (StepForm, services.end, gettext_lazy("End the access right")),
}


@login_required
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in STEPS:
        raise Http404
    right = access.get_right_to_change(request.user, pk)
    form_class, service, title = STEPS[action]
    form = form_class(request.POST or None)
    if submit(request, form, lambda data: service(right=right, actor=request.user, **data)):
        messages.success(request, _("The access right was saved."))
        return redirect("access-rights", code=right.cooperation.code)
    back = reverse("access-rights", args=[right.cooperation.code])
    return form_page(request, form, f"{title}: {right.person}", back, _("Access rights"))


HEADER = [
    "organisaatio",
    "henkilö",
    "järjestelmä",
    "rooli",
    "haettu",
    "hakija",
    "myönnetty",
    "myöntäjä",
    "päivitetty",
    "päivittäjä",
    "päivitys",
    "päättynyt",
    "päättäjä",
    "tila",
]


def _export_rows(rights) -> list[list[object]]:
    rows: list[list[object]] = [list(HEADER)]
    for r in _rows(rights):
        rows.append(
            [
                r.organisation.name_fi,
                r.person.full_name,
                r.system,
                r.role,
                r.applied_on,
                r.applied_by,
                r.granted_on,
                r.granted_by,
                r.updated_on,
                r.updated_by,
                r.update_note,
                r.ended_on,
                r.ended_by,
                r.get_status_display(),
            ]
        )
    return rows


@login_required
def export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The register as the caller may see it, for the joint controllers (agreement § 10)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    cooperation, rights, _parties = access.get_register_for_user(request.user, code)
    rows = _export_rows(rights)
    name = f"kayttooikeudet-{cooperation.code}"
    if fmt == "xlsx":
        return exports.xlsx_response(rows, name, "Käyttöoikeudet")
    # Dates as Finnish readers write them (d.m.yyyy); the spreadsheet keeps real dates.
    finnish = [
        [f"{v.day}.{v.month}.{v.year}" if isinstance(v, datetime.date) else v for v in row] for row in rows
    ]
    return exports.csv_response(finnish, name)
