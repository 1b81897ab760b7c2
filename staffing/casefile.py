"""This app's part of a case file (casefiles/exchange.py): the year's work of the steering group, its
objectives with their indicators and follow-up values, and the yearly staffing assessments with their
staff and client lines. National objectives are shared reference data: matched by code, never changed
by an import."""

from django.db.models import QuerySet

from casefiles.exchange import part
from staffing.models import (
    ClientLine,
    Indicator,
    Measurement,
    NationalObjective,
    Objective,
    StaffingReview,
    StaffLine,
)


@part(NationalObjective, identity=("code",), national=True, referenced=True, order_by=("code",))
def national_objectives(cooperation) -> QuerySet[NationalObjective]:
    return NationalObjective.objects.filter(objectives__group__cooperation=cooperation)


@part(Objective, identity=("group", "year", "title"))
def objectives(cooperation) -> QuerySet[Objective]:
    return Objective.objects.filter(group__cooperation=cooperation)


@part(Indicator, identity=("objective", "name"))
def indicators(cooperation) -> QuerySet[Indicator]:
    return Indicator.objects.filter(objective__group__cooperation=cooperation)


@part(Measurement, identity=("indicator", "measured_on"))
def follow_ups(cooperation) -> QuerySet[Measurement]:
    return Measurement.objects.filter(indicator__objective__group__cooperation=cooperation)


@part(StaffingReview, identity=("group", "year"))
def assessments(cooperation) -> QuerySet[StaffingReview]:
    return StaffingReview.objects.filter(group__cooperation=cooperation)


@part(StaffLine, identity=("review", "organisation", "job_title", "municipality"))
def staff_lines(cooperation) -> QuerySet[StaffLine]:
    return StaffLine.objects.filter(review__group__cooperation=cooperation)


@part(ClientLine, identity=("review", "organisation", "municipality"))
def client_lines(cooperation) -> QuerySet[ClientLine]:
    return ClientLine.objects.filter(review__group__cooperation=cooperation)
