"""One steering group's year as a table: staff and client figures, and indicators with their values."""

from __future__ import annotations

from django.utils.translation import gettext as _

from staffing.selectors import Year


def rows(data: Year) -> list[list]:
    table: list[list] = [
        [_("Kind"), _("Party"), _("Job title"), _("Municipality"), _("Head count"), _("FTE"), _("Clients")]
    ]
    if data.review:
        for line in data.review.staff_lines.select_related("organisation", "municipality").order_by(
            "organisation__name_fi"
        ):
            table.append(
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
        for client_line in data.review.client_lines.select_related("organisation", "municipality").order_by(
            "organisation__name_fi"
        ):
            table.append(
                [
                    _("clients"),
                    client_line.organisation.name_fi,
                    "",
                    client_line.municipality.name_fi,
                    "",
                    "",
                    client_line.clients,
                ]
            )
    for objective in data.objectives:
        indicators = list(objective.indicators.all())
        if not indicators:  # an objective without indicators is still the year's objective
            table.append([_("objective"), objective.title, objective.get_status_display(), "", "", "", ""])
        for indicator in indicators:
            measurements = list(indicator.measurements.all())
            table.append(
                [
                    _("objective"),
                    objective.title,
                    indicator.name,
                    indicator.unit,
                    indicator.baseline,
                    indicator.target,
                    measurements[-1].value if measurements else "",
                ]
            )
    return table
