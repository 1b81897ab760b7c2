"""What falls due in the steering group (core/reminders.py): its term ending, and the leading person's
and deputy's terms ending (VNA 388/2024: named for at most the group's term), reminded at each lead
time before the day."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.reminders import Audience, Due, declares, kind
from governance.models import LeadershipAppointment, SteeringGroup

GROUP_TERM_ENDING = kind("group_term_ending", gettext_lazy("steering group term ending"))
LEADER_TERM_ENDING = kind("leader_term_ending", gettext_lazy("leading person's term ending"))


@declares("governance.group_terms")
def group_terms(today: datetime.date, areas=None):
    groups = SteeringGroup.objects.exclude(term_end=None).filter(term_end__gte=today).select_related("area")
    if areas is not None:
        groups = groups.filter(area__in=areas)
    for group in groups.prefetch_related("memberships__person__user"):
        seated = tuple(
            seat.person.user
            for seat in group.memberships.all()
            if seat.end_date is None and seat.person.user is not None
        )
        yield Due(
            kind=GROUP_TERM_ENDING,
            key=f"governance.steeringgroup:{group.pk}",
            on=group.term_end,
            text=lambda group=group: (
                _("The term of %(group)s, %(area)s ends on %(day)s.")
                % {"group": group.name, "area": group.area, "day": f"{group.term_end:%d.%m.%Y}"}
            ),
            link=reverse("group-detail", args=[group.pk]),
            area_id=group.area_id,
            audience=Audience(users=seated),
        )


@declares("governance.leader_terms")
def leader_terms(today: datetime.date, areas=None):
    appointments = LeadershipAppointment.objects.filter(ended_on=None, term_end__gte=today).select_related(
        "person__user", "group"
    )
    if areas is not None:
        appointments = appointments.filter(group__area__in=areas)
    for appointment in appointments:
        person = appointment.person
        yield Due(
            kind=LEADER_TERM_ENDING,
            key=f"governance.leadership:{appointment.pk}",
            on=appointment.term_end,
            text=lambda a=appointment: (
                _("The term of %(person)s as %(capacity)s ends on %(day)s.")
                % {"person": a.person, "capacity": a.get_capacity_display(), "day": f"{a.term_end:%d.%m.%Y}"}
            ),
            link=reverse("group-detail", args=[appointment.group_id]),
            area_id=appointment.group.area_id,
            audience=Audience(users=(person.user,) if person.user else ()),
        )
