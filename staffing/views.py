import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from decisions import pdf
from governance import compliance, selectors
from governance.access import get_group_for_user
from organisations import access as org_access
from organisations.models import Organisation
from staffing import charts, imports, ratios
from staffing.models import Objective, StaffingReview


def _year_context(request, group, year: int) -> dict:
    objectives = list(
        Objective.objects.filter(group=group, year=year).prefetch_related(
            "national_objectives", "responsible", "indicators__measurements"
        )
    )
    review = StaffingReview.objects.filter(group=group, year=year).first()
    previous = StaffingReview.objects.filter(group=group, year=year - 1).first()
    summary = ratios.summarise(review, previous) if review else None
    history = list(StaffingReview.objects.filter(group=group, year__lte=year).order_by("year"))
    yearly = [
        (str(r.year), [(row.label, row.ratio) for row in ratios.summarise(r).by_party]) for r in history
    ]
    ratio_chart = charts.build(
        "ratio-chart",
        _("Clients per full-time equivalent by year and party"),
        _(
            "Each bar is a party's clients divided by its full-time equivalents; the figures "
            "are in the tables."
        ),
        yearly,
    )
    fte_chart = None
    if review:
        rows: dict[str, dict[str, object]] = {}
        for line in review.staff_lines.select_related("organisation", "municipality"):
            by_org = rows.setdefault(line.municipality.name_fi, {})
            by_org[line.organisation.name_fi] = by_org.get(line.organisation.name_fi, 0) + line.fte
        fte_chart = charts.build(
            "fte-chart",
            _("Full-time equivalents by municipality and party"),
            _("Each bar is a party's full-time equivalents in the municipality."),
            [(m, sorted(parties.items())) for m, parties in sorted(rows.items())],
            "htv",
        )
    indicator_groups = []
    for objective in objectives:
        for indicator in objective.indicators.all():
            latest = list(indicator.measurements.all())[-1:] or [None]
            indicator_groups.append(
                (
                    f"{indicator.name} ({indicator.unit})",
                    [
                        (_("baseline"), indicator.baseline),
                        (_("target"), indicator.target),
                        (_("latest actual"), latest[0].value if latest[0] else None),
                    ],
                )
            )
    indicator_chart = (
        charts.build(
            "indicator-chart",
            _("Indicators against targets"),
            _("For each indicator: baseline, target and the latest actual value."),
            indicator_groups,
        )
        if indicator_groups
        else None
    )
    own = org_access.organisations_acted_for(request.user).filter(pk__in=group.area.parties().values("pk"))
    return {
        "group": group,
        "year": year,
        "objectives": objectives,
        "review": review,
        "summary": summary,
        "summary_total": [summary.total] if summary else [],
        "ratio_chart": ratio_chart if yearly else None,
        "fte_chart": fte_chart,
        "indicator_chart": indicator_chart,
        "own_organisations": own,
        "example": any(o.is_example for o in objectives) or bool(review and review.is_example),
    }


@login_required
def year_detail(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    group = get_group_for_user(request.user, pk)
    return render(request, "staffing/year_detail.html", _year_context(request, group, year))


@login_required
@require_http_methods(["POST"])
def import_figures(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    group = get_group_for_user(request.user, pk)
    organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation") or 0)
    if not org_access.can_act_for(request.user, organisation):
        raise PermissionDenied
    kind = request.POST.get("kind")
    upload = request.FILES.get("file")
    context_errors = []
    if kind not in ("staff", "clients") or upload is None:
        context_errors = [imports.RowError(1, _("Choose what you import and the file."))]
    else:
        review, _created = StaffingReview.objects.get_or_create(group=group, year=year)
        try:
            count = imports.replace_figures(
                review=review, organisation=organisation, kind=kind, upload=upload, actor=request.user
            )
        except imports.ImportRefused as refused:
            context_errors = refused.errors
        else:
            messages.success(request, _("%(count)s rows were imported.") % {"count": count})
            return redirect("staffing-year", pk=group.pk, year=year)
    context = _year_context(request, group, year)
    context["import_errors"] = context_errors
    return render(request, "staffing/year_detail.html", context, status=400)


def _export_rows(group, year: int) -> list[list]:
    rows = [
        [_("Kind"), _("Party"), _("Job title"), _("Municipality"), _("Head count"), _("FTE"), _("Clients")]
    ]
    review = StaffingReview.objects.filter(group=group, year=year).first()
    if review:
        for line in review.staff_lines.select_related("organisation", "municipality").order_by(
            "organisation__name_fi"
        ):
            rows.append(
                [
                    _("staff"),
                    line.organisation.name_fi,
                    line.job_title,
                    line.municipality.name_fi,
                    line.headcount,
                    line.fte,
                    "",
                ]
            )
        for line in review.client_lines.select_related("organisation", "municipality").order_by(
            "organisation__name_fi"
        ):
            rows.append(
                [_("clients"), line.organisation.name_fi, "", line.municipality.name_fi, "", "", line.clients]
            )
    for objective in Objective.objects.filter(group=group, year=year).prefetch_related(
        "indicators__measurements"
    ):
        for indicator in objective.indicators.all():
            actual = [m.value for m in indicator.measurements.all()][-1:] or [""]
            rows.append(
                [
                    _("objective"),
                    objective.title,
                    indicator.name,
                    indicator.unit,
                    indicator.baseline,
                    indicator.target,
                    actual[0],
                ]
            )
    return rows


@login_required
def export(request: HttpRequest, pk: int, year: int, fmt: str) -> HttpResponse:
    group = get_group_for_user(request.user, pk)
    rows = _export_rows(group, year)
    name = f"tavoitteet-henkilosto-{group.area.code}-{year}"
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = str(year)
        for row in rows:
            sheet.append([float(v) if hasattr(v, "quantize") else v for v in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows(rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@login_required
def annual_report(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    group = get_group_for_user(request.user, pk)
    context = _year_context(request, group, year)
    facts = compliance.GroupFacts(group, timezone.localdate())
    context["blocks"] = selectors.composition(facts)
    context["findings"] = compliance.evaluate(group)
    from costs import services as cost_services

    context["cost_summary"] = cost_services.yearly_summary(group, year)
    return pdf.response(
        pdf.render("staffing/annual_report_pdf.html", context), f"vuosiraportti-{group.area.code}-{year}.pdf"
    )
