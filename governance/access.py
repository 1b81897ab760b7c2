"""Who may see and change the steering group: anyone who may see its cooperation sees it; an
organisation's editor records only their own organisation's nominations and seats, in cooperations
they still see; the secretary everything (organisations.access holds the roles)."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from governance.models import Membership, Nomination, SteeringGroup
from organisations.access import can_act_for, can_view_cooperation, cooperations_visible_to, is_secretary_of


def get_group_for_user(user, pk: int) -> SteeringGroup:
    group = get_object_or_404(
        SteeringGroup.objects.select_related("cooperation", "set_up_decision__meeting"), pk=pk
    )
    if not can_view_cooperation(user, group.cooperation_id):
        raise Http404  # outside the user's reach: not even its existence is told
    return group


def _records_for(user, organisation, cooperation_id: int) -> bool:
    """The organisation's editor in the cooperation, or the cooperation's secretary (who runs its
    year, the steering group's seats included: #26 item 7)."""
    return can_act_for(user, organisation, cooperation_id) or is_secretary_of(user, cooperation_id)


def get_nomination_for_user(user, pk: int) -> Nomination:
    """The nomination, if USER may change it (acts for the nominating organisation)."""
    nomination = get_object_or_404(
        Nomination.objects.select_related("group__cooperation", "organisation"), pk=pk
    )
    if not can_view_cooperation(user, nomination.group.cooperation_id):
        raise Http404
    if not _records_for(user, nomination.organisation, nomination.group.cooperation_id):
        raise PermissionDenied
    return nomination


def get_seat_for_user(user, pk: int) -> Membership:
    seat = get_object_or_404(
        Membership.objects.select_related("group__cooperation", "organisation", "person"), pk=pk
    )
    if not can_view_cooperation(user, seat.group.cooperation_id):
        raise Http404
    if not _records_for(user, seat.organisation, seat.group.cooperation_id):
        raise PermissionDenied
    return seat


def visible_groups(user) -> QuerySet[SteeringGroup]:
    """Every steering group of the cooperations USER sees (the search)."""
    return SteeringGroup.objects.filter(cooperation__in=cooperations_visible_to(user))
