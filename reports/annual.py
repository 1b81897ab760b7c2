"""The steering group's annual report for a year: its composition and the rules checked as they stood
at the end of the year, with the year's objectives, staffing and shared costs. Built the same whenever
it is printed: a seat changed in the next year does not change last year's report, and the composition
shows no end recorded later (templates/reports/annual_report_pdf.html, without_ends)."""

from __future__ import annotations

import datetime
from typing import Any

from core import pdf
from costs import selectors as costs
from governance import compliance
from governance import selectors as composition
from governance.models import SteeringGroup
from staffing import selectors as staffing


def described_day(year: int) -> datetime.date:
    """The day year YEAR's report describes: its last, 31.12. (the objectives and the staffing
    assessment are the year's, Act 381/2023 § 9; who sat in the group is told as at the year's end)."""
    return datetime.date(year, 12, 31)


def context(group: SteeringGroup, year: int) -> dict[str, Any]:
    facts = compliance.GroupFacts(group, described_day(year))
    return {
        **staffing.year_page(staffing.year(group, year)),
        "as_of": facts.today,
        "blocks": composition.composition(facts),
        "findings": compliance.evaluate(group, facts=facts),
        "cost_summary": costs.yearly_summary(group, year),
    }


def render(group: SteeringGroup, year: int) -> bytes:
    return pdf.render("reports/annual_report_pdf.html", context(group, year))


def filename(group: SteeringGroup, year: int) -> str:
    return f"vuosiraportti-{group.cooperation.code}-{year}.pdf"
