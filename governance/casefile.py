"""This app's part of a case file (casefiles/exchange.py): the steering group with its nominations, seats
(members before their personal deputies) and leading person."""

from django.db.models import F, QuerySet

from casefiles.exchange import part
from governance.models import LeadershipAppointment, Membership, Nomination, SteeringGroup


@part(SteeringGroup, identity=("cooperation", "set_up_reference", "term_start"))
def groups(cooperation) -> QuerySet[SteeringGroup]:
    return SteeringGroup.objects.filter(cooperation=cooperation)


@part(Nomination, identity=("group", "organisation", "decided_on"))
def nominations(cooperation) -> QuerySet[Nomination]:
    return Nomination.objects.filter(group__cooperation=cooperation)


@part(
    Membership,
    identity=("group", "person", "capacity", "start_date"),
    order_by=(F("deputy_of").asc(nulls_first=True), "pk"),
)
def seats(cooperation) -> QuerySet[Membership]:
    return Membership.objects.filter(group__cooperation=cooperation)


@part(LeadershipAppointment, identity=("group", "capacity", "person", "term_start"))
def leadership(cooperation) -> QuerySet[LeadershipAppointment]:
    return LeadershipAppointment.objects.filter(group__cooperation=cooperation)
