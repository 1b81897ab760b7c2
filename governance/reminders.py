"""What falls due in the steering group (core/reminders.py): its term ending, and the leading person's
and deputy's terms ending (VNA 388/2024: named for at most the group's term), reminded at each lead
time before the day."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.reminders import Audience, Due, Remind, Text, declares, kind
from governance.models import LeadershipAppointment, Membership, SteeringGroup

GROUP_TERM_ENDING = kind("group_term_ending", _("steering group term ending"))
LEADER_TERM_ENDING = kind("leader_term_ending", _("leading person's term ending"))


@declares("governance.group_terms")
def group_terms(today: datetime.date, cooperations: Any = None) -> Iterator[Due]:
    groups = SteeringGroup.objects.filter(term_end__gte=today).select_related("cooperation")
    if cooperations is not None:
        groups = groups.filter(cooperation__in=cooperations)
    seats = Membership.objects.on(today).select_related("person__user")
    for group in groups.prefetch_related(Prefetch("memberships", seats, to_attr="seated")):
        assert group.term_end is not None  # noqa: S101  (the filter above)
        seated = tuple(seat.person.user for seat in group.seated if seat.person.user is not None)
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


SEAT_WITHOUT_DEPUTY = kind("seat_without_deputy", _("member without a personal deputy"))


@declares("governance.missing_deputies")
def missing_deputies(today: datetime.date, cooperations: Any = None) -> Iterator[Due]:
    """An open task for the nominating organisation while a member has no personal deputy (VNA 388/2024:
    every member has one; municipal representatives supplement the group and need none). Shown on the
    front page of who acts for the organisation; never sent, never in the calendar: a task, not a day."""
    seated = Membership.objects.on(today)
    seats = seated.filter(capacity=Membership.Capacity.MEMBER, group__term_end__gte=today)
    deputised = seated.filter(capacity=Membership.Capacity.DEPUTY).values("deputy_of")
    seats = seats.exclude(role=Membership.Role.MUNICIPAL).exclude(pk__in=deputised)
    if cooperations is not None:
        seats = seats.filter(group__cooperation__in=cooperations)
    for seat in seats.select_related("person", "organisation", "group"):
        yield Due(
            kind=SEAT_WITHOUT_DEPUTY,
            key=f"governance.membership:{seat.pk}",
            on=seat.start_date or seat.group.term_start or today,
            text=Text(
                _("%(person)s (%(organisation)s) has no personal deputy: record one."),
                {"person": seat.person, "organisation": seat.organisation},
            ),
            link=reverse("deputy-create", args=[seat.pk]),  # straight to the form (#29 item 6)
            cooperation_id=seat.group.cooperation_id,
            audience=Audience(organisations=(seat.organisation,)),
            remind=Remind.NEVER,
            in_calendar=False,
        )
