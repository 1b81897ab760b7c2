from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import exports as tables
from core.forms import posted_pk
from governance.access import get_group_for_user
from governance.models import SteeringGroup
from organisations import access as org_access
from staffing import editing, exports, imports, selectors, services


def _page(request: HttpRequest, group: SteeringGroup, year: int, **extra) -> dict:
    context = selectors.year_page(selectors.year(group, year))
    context["own_organisations"] = org_access.organisations_acted_for(
        request.user, group.cooperation_id
    ).filter(pk__in=group.cooperation.parties().values("pk"))
    context["may_propose"] = editing.may_propose(request.user, group)
    context["may_decide"] = editing.may_decide(request.user, group)
    return {**context, **extra}


@login_required
def year_detail(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    group = get_group_for_user(request.user, pk)
    return render(request, "staffing/year_detail.html", _page(request, group, year))


@login_required
@require_http_methods(["POST"])
def import_figures(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    group = get_group_for_user(request.user, pk)
    # one of the cooperation's parties, or not found: another organisation's existence is not told
    organisation = get_object_or_404(
        group.cooperation.parties(), pk=posted_pk(request.POST.get("organisation"))
    )
    if not org_access.can_act_for(request.user, organisation, group.cooperation_id):
        raise PermissionDenied
    try:
        count = services.import_figures(
            group=group,
            year=year,
            organisation=organisation,
            kind=request.POST.get("kind", ""),
            upload=request.FILES.get("file"),
            actor=request.user,
        )
    except imports.ImportRefused as refused:
        context = _page(request, group, year, import_errors=refused.errors)
        return render(request, "staffing/year_detail.html", context, status=400)
    messages.success(request, _("%(count)s rows were imported.") % {"count": count})
    return redirect("staffing-year", pk=group.pk, year=year)


@login_required
def export(request: HttpRequest, pk: int, year: int, fmt: str) -> HttpResponse:
    group = get_group_for_user(request.user, pk)
    rows = exports.rows(selectors.year(group, year))
    name = f"tavoitteet-henkilosto-{group.cooperation.code}-{year}"
    if fmt == "xlsx":
        return tables.xlsx_response(rows, name, str(year))
    if fmt == "csv":
        return tables.csv_response(rows, name)
    raise Http404
