"""What falls due in the steering group (core/reminders.py): its term ending, and the leading person's
and deputy's terms ending (VNA 388/2024: named for at most the group's term), reminded at each lead
time before the day."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.reminders import Audience, Due, Text, declares, kind
from governance.models import LeadershipAppointment, SteeringGroup

GROUP_TERM_ENDING = kind("group_term_ending", _("steering group term ending"))
LEADER_TERM_ENDING = kind("leader_term_ending", _("leading person's term ending"))


@declares("governance.group_terms")
def group_terms(today: datetime.date, cooperations: Any = None) -> Iterator[Due]:
    groups = SteeringGroup.objects.filter(term_end__gte=today).select_related("cooperation")
    if cooperations is not None:
        groups = groups.filter(cooperation__in=cooperations)
    for group in groups.prefetch_related("memberships__person__user"):
        assert group.term_end is not None  # noqa: S101  (the filter above)
        seated = tuple(
            seat.person.user
            for seat in group.memberships.all()
            if seat.end_date is None and seat.person.user is not None
        )
        yield Due(
            kind=GROUP_TERM_ENDING,
            key=f"governance.steeringgroup:{group.pk}",
            on=group.term_end,
            text=Text(
                _("The term of %(group)s, %(area)s ends on %(day)s."),
                {"group": group.name, "area": group.cooperation, "day": f"{group.term_end:%d.%m.%Y}"},
            ),
            link=reverse("group-detail", args=[group.pk]),
            cooperation_id=group.cooperation_id,
            audience=Audience(users=seated),
        )


@declares("governance.leader_terms")
def leader_terms(today: datetime.date, cooperations: Any = None) -> Iterator[Due]:
    appointments = LeadershipAppointment.objects.filter(ended_on=None, term_end__gte=today).select_related(
        "person__user", "group"
    )
    if cooperations is not None:
        appointments = appointments.filter(group__cooperation__in=cooperations)
    for appointment in appointments:
        person = appointment.person
        yield Due(
            kind=LEADER_TERM_ENDING,
            key=f"governance.leadership:{appointment.pk}",
            on=appointment.term_end,
            text=Text(
                _("The term of %(person)s as %(capacity)s ends on %(day)s."),
                {
                    "person": person,
                    "capacity": LeadershipAppointment.Capacity(appointment.capacity).label,
                    "day": f"{appointment.term_end:%d.%m.%Y}",
                },
            ),
            link=reverse("group-detail", args=[appointment.group_id]),
            cooperation_id=appointment.group.cooperation_id,
            audience=Audience(users=(person.user,) if person.user else ()),
        )
