from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from core import pdf
from governance.access import get_group_for_user
from reports import annual


@login_required
def annual_report(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """The steering group's annual report: composition, objectives, staffing, costs and findings."""
    group = get_group_for_user(request.user, pk)
    return pdf.response(annual.render(group, year), annual.filename(group, year))
