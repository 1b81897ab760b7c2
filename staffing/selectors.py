"""What the year page, the exports and the annual report read about one steering group's year:
objectives with indicators, the staffing review, ratios and charts."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from core import charts
from governance.models import SteeringGroup
from staffing import ratios
from staffing.models import ClientLine, Objective, StaffingReview, StaffLine


@dataclass
class Year:
    group: SteeringGroup
    year: int
    objectives: list[Objective]
    review: StaffingReview | None
    summary: ratios.Summary | None
    history: list[StaffingReview] = field(default_factory=list)

    @property
    def is_example(self) -> bool:
        return any(o.is_example for o in self.objectives) or bool(self.review and self.review.is_example)


def year(group: SteeringGroup, year: int) -> Year:
    objectives = list(
        Objective.objects.filter(group=group, year=year).prefetch_related(
            "national_objectives", "responsible", "indicators__measurements"
        )
    )
    # Every year's lines at once: the chart compares the years (#15: two queries, not two a year).
    reviews = {
        r.year: r
        for r in StaffingReview.objects.filter(group=group, year__lte=year)
        .order_by("year")
        .prefetch_related(
            Prefetch("staff_lines", StaffLine.objects.select_related("organisation", "municipality")),
            Prefetch("client_lines", ClientLine.objects.select_related("organisation", "municipality")),
        )
    }
    review = reviews.get(year)
    summary = ratios.summarise(review, reviews.get(year - 1)) if review else None
    return Year(group, year, objectives, review, summary, list(reviews.values()))


def ratio_chart(data: Year) -> charts.Chart | None:
    yearly = [
        (str(r.year), [(row.label, row.ratio) for row in ratios.summarise(r).by_party]) for r in data.history
    ]
    if not yearly:
        return None
    return charts.build(
        "ratio-chart",
        _("Clients per full-time equivalent by year and party"),
        _(
            "Each bar is a party's clients divided by its full-time equivalents; the figures "
            "are in the tables."
        ),
        yearly,
    )


def fte_chart(data: Year) -> charts.Chart | None:
    if data.review is None:
        return None
    rows: dict[str, dict[str, Decimal]] = {}
    for line in ratios.lines(data.review, "staff_lines"):
        by_org = rows.setdefault(line.municipality.name_fi, {})
        by_org[line.organisation.name_fi] = by_org.get(line.organisation.name_fi, Decimal(0)) + line.fte
    return charts.build(
        "fte-chart",
        _("Full-time equivalents by municipality and party"),
        _("Each bar is a party's full-time equivalents in the municipality."),
        [(m, sorted(parties.items())) for m, parties in sorted(rows.items())],
        "htv",
    )


def indicator_chart(data: Year) -> charts.Chart | None:
    groups = []
    for objective in data.objectives:
        for indicator in objective.indicators.all():
            measurements = list(indicator.measurements.all())
            latest = measurements[-1].value if measurements else None
            groups.append(
                (
                    f"{indicator.name} ({indicator.unit})",
                    [
                        (_("baseline"), indicator.baseline),
                        (_("target"), indicator.target),
                        (_("latest actual"), latest),
                    ],
                )
            )
    if not groups:
        return None
    return charts.build(
        "indicator-chart",
        _("Indicators against targets"),
        _("For each indicator: baseline, target and the latest actual value."),
        groups,
    )


def year_page(data: Year) -> dict:
    """What the year's page and the annual report show of DATA."""
    return {
        "group": data.group,
        "year": data.year,
        "objectives": data.objectives,
        "review": data.review,
        "summary": data.summary,
        "summary_total": [data.summary.total] if data.summary else [],
        "ratio_chart": ratio_chart(data),
        "fte_chart": fte_chart(data),
        "indicator_chart": indicator_chart(data),
        "example": data.is_example,
    }
