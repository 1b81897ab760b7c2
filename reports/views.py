from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from core import pdf
from costs import services as costs
from governance import compliance
from governance import selectors as composition
from governance.access import get_group_for_user
from staffing import selectors as staffing


@login_required
def annual_report(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """The steering group's annual report: composition, objectives, staffing, costs and findings."""
    group = get_group_for_user(request.user, pk)
    facts = compliance.GroupFacts(group, timezone.localdate())
    context = {
        **staffing.year_page(staffing.year(group, year)),
        "blocks": composition.composition(facts),
        "findings": compliance.evaluate(group, facts=facts),
        "cost_summary": costs.yearly_summary(group, year),
    }
    return pdf.response(
        pdf.render("reports/annual_report_pdf.html", context),
        f"vuosiraportti-{group.cooperation.code}-{year}.pdf",
    )
