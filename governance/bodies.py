"""Who sits in a cooperation body, for the decisions app's meeting invitations (decisions/agendas.py):
a cooperation's body (kind "cooperation", e.g. the TYM-johtoryhmä) is its steering group, so its
members and personal deputies are the group's seats in force today (core.sections rows
"body-members")."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from core.sections import adds_rows
from governance.models import Membership


@adds_rows("body-members")
def steering_group_seats(request: Any, bodies: list[Any]) -> list[tuple[int, Any]]:
    """(body, user) for the people with a login seated today in the steering group of each
    cooperation body's cooperation, in one query."""
    by_cooperation: dict[int, list[int]] = {}
    for body in bodies:
        if body.kind == "cooperation" and body.area.cooperation_id is not None:
            by_cooperation.setdefault(body.area.cooperation_id, []).append(body.pk)
    if not by_cooperation:
        return []
    seats = (
        Membership.objects.on(timezone.localdate())
        .filter(group__cooperation__in=by_cooperation, person__user__isnull=False)
        .select_related("person__user", "group")
    )
    return [
        (body_id, seat.person.user)
        for seat in seats
        for body_id in by_cooperation[seat.group.cooperation_id]
        if seat.person.user is not None
    ]
