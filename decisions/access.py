"""Who may see and change meetings and decisions: those who may see the cooperation of the body's
area see them; the board secretary of that cooperation (or a national administrator) records
meetings, notifications and claims."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from decisions.models import AgendaItem, Body, BodyMember, Meeting
from organisations.access import areas_visible_to, can_view_area, is_secretary_of


def can_record(user, body: Body) -> bool:
    return is_secretary_of(user, body.area.cooperation_id)


def get_item_for_user(user, pk: int, queryset: QuerySet[AgendaItem] | None = None) -> AgendaItem:
    """Item PK if USER may see it; QUERYSET, when given, loads it with what the page reads."""
    if queryset is None:
        queryset = AgendaItem.objects.select_related("meeting__body__area", "body__area", "presenter")
    item = get_object_or_404(queryset, pk=pk)
    if not can_view_area(user, item.body.area):
        raise Http404  # outside the user's reach: not even its existence is told
    return item


def get_meeting_for_user(user, pk: int, *, to_change: bool = False) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("body__area", "chair", "secretary"), pk=pk)
    if not can_view_area(user, meeting.body.area):
        raise Http404
    if to_change and not can_record(user, meeting.body):
        raise PermissionDenied
    return meeting


def get_body_to_record(user, pk: int) -> Body:
    body = get_object_or_404(Body.objects.select_related("area"), pk=pk)
    if not can_view_area(user, body.area):
        raise Http404
    if not can_record(user, body):
        raise PermissionDenied
    return body


def get_member_to_record(user, pk: int) -> BodyMember:
    """A seat in a body's register, for those who record the body (404 for those who cannot see it)."""
    member = get_object_or_404(BodyMember.objects.select_related("person", "body__area"), pk=pk)
    get_body_to_record(user, member.body_id)
    return member


def get_item_to_record(user, pk: int) -> AgendaItem:
    item = get_item_for_user(user, pk)
    if not can_record(user, item.body):
        raise PermissionDenied
    return item


def visible_items(user) -> QuerySet[AgendaItem]:
    """Every section USER may see, in every cooperation they see (the lists and the search)."""
    return AgendaItem.objects.filter(body__area__in=areas_visible_to(user))


def visible_meetings(user) -> QuerySet[Meeting]:
    return Meeting.objects.filter(body__area__in=areas_visible_to(user))


def visible_bodies(user) -> QuerySet[Body]:
    return Body.objects.filter(area__in=areas_visible_to(user))
