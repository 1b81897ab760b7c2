"""What falls due in objectives and staffing (core/reminders.py): the year's objectives and last year's
staffing assessment, from the day they are due (settings.OBJECTIVES_DUE_BY) until they are done. The
conditions are the compliance rules' own (staffing/adequacy_rules.py)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.reminders import Audience, Due, Remind, Text, declares, kind
from governance.models import Membership, SteeringGroup
from staffing.adequacy_rules import objectives_due, objectives_set, staffing_assessed
from staffing.models import StaffLine

OBJECTIVES_DUE = kind("objectives_due", _("objectives not set"))
STAFFING_REVIEW_DUE = kind("staffing_review_due", _("staffing review due"))
FIGURES_DUE = kind("staffing_figures_due", _("staffing figures to report"))


def _chair_users(group: SteeringGroup) -> tuple[Any, ...]:
    return tuple(
        seat.person.user
        for seat in group.memberships.all()
        if seat.end_date is None and seat.role == Membership.Role.CHAIR and seat.person.user is not None
    )


@declares("staffing.yearly")
def yearly_work(today: datetime.date, cooperations: Any = None) -> Iterator[Due]:
    due = objectives_due(today.year)
    last_year = today.year - 1
    groups = SteeringGroup.objects.select_related("cooperation").prefetch_related("memberships__person__user")
    if cooperations is not None:
        groups = groups.filter(cooperation__in=cooperations)
    for group in groups:
        if group.term_end is not None and group.term_end < today:
            continue
        audience = Audience(users=_chair_users(group))
        link = reverse("staffing-year", args=[group.pk, today.year])
        if not objectives_set(group, today.year):
            yield Due(
                kind=OBJECTIVES_DUE,
                key=f"governance.steeringgroup:{group.pk}",
                on=due,
                text=Text(
                    _("%(group)s, %(area)s has not set its objectives for %(year)s."),
                    {"group": group.name, "area": group.cooperation, "year": today.year},
                ),
                link=link,
                cooperation_id=group.cooperation_id,
                audience=audience,
                remind=Remind.REACHED,
            )
        if not staffing_assessed(group, last_year):
            yield Due(
                kind=STAFFING_REVIEW_DUE,
                key=f"governance.steeringgroup:{group.pk}",
                on=due,
                text=Text(
                    _("%(group)s, %(area)s has not assessed the adequacy of staffing in %(year)s."),
                    {"group": group.name, "area": group.cooperation, "year": last_year},
                ),
                link=link,
                cooperation_id=group.cooperation_id,
                audience=audience,
                remind=Remind.REACHED,
            )
            yield from _figures_missing(group, last_year, due, today)


def _figures_missing(
    group: SteeringGroup, year: int, due: datetime.date, today: datetime.date
) -> Iterator[Due]:
    """While the year's staffing is not assessed, each party that has reported no staff figures for it
    has a task: the review needs every party's figures (Act 381/2023 § 9; agreement § 6). Shown to
    the party's editors on their front page; never sent, never in the calendar."""
    reported = set(
        StaffLine.objects.filter(review__group=group, review__year=year).values_list(
            "organisation_id", flat=True
        )
    )
    link = reverse("staffing-year", args=[group.pk, year])
    for party in group.cooperation.parties():
        if party.pk in reported:
            continue
        yield Due(
            kind=FIGURES_DUE,
            key=f"staffing.figures:{group.pk}:{year}:{party.pk}",
            on=due,
            text=Text(
                _("%(party)s has not reported its staff figures for %(year)s to %(group)s."),
                {"party": party, "year": year, "group": group.name},
            ),
            link=link + "#import-heading",
            cooperation_id=group.cooperation_id,
            audience=Audience(secretaries=False, organisations=(party,)),
            remind=Remind.NEVER,
            in_calendar=False,
        )
