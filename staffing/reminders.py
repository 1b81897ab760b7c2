"""What falls due in objectives and staffing (core/reminders.py): the year's objectives and last year's
staffing assessment, from the day they are due (settings.OBJECTIVES_DUE_BY) until they are done. The
conditions are the compliance rules' own (staffing/adequacy_rules.py)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.reminders import Audience, Due, Remind, Text, declares, kind
from governance.models import Membership, SteeringGroup
from organisations.models import Organisation
from staffing.adequacy_rules import groups_assessed, groups_with_objectives, objectives_due
from staffing.models import StaffLine

OBJECTIVES_DUE = kind("objectives_due", _("objectives not set"))
STAFFING_REVIEW_DUE = kind("staffing_review_due", _("staffing review due"))
FIGURES_DUE = kind("staffing_figures_due", _("staffing figures to report"))


def _chair_users(group: SteeringGroup) -> tuple[Any, ...]:
    return tuple(
        seat.person.user
        for seat in group.memberships.all()  # the seats held today (prefetched)
        if seat.role == Membership.Role.CHAIR and seat.person.user is not None
    )


@declares("staffing.yearly")
def yearly_work(today: datetime.date, cooperations: Any = None) -> Iterator[Due]:
    """In a fixed number of queries however many groups (#15): the conditions are read for all of them
    at once."""
    due = objectives_due(today.year)
    last_year = today.year - 1
    found = (
        SteeringGroup.objects.select_related("cooperation")
        .prefetch_related(
            Prefetch("memberships", Membership.objects.on(today).select_related("person__user"))
        )
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
    )
    if cooperations is not None:
        found = found.filter(cooperation__in=cooperations)
    groups = list(found)
    with_objectives = groups_with_objectives(groups, today.year)
    assessed = groups_assessed(groups, last_year)
    unassessed = [g for g in groups if g.pk not in assessed]
    reported = set(
        StaffLine.objects.filter(review__group__in=unassessed, review__year=last_year).values_list(
            "review__group_id", "organisation_id"
        )
    )
    parties = Organisation.objects.parties_by_cooperation((g.cooperation_id for g in unassessed), today)
    for group in groups:
        audience = Audience(users=_chair_users(group))
        if group.pk not in with_objectives:
            yield Due(
                kind=OBJECTIVES_DUE,
                key=f"governance.steeringgroup:{group.pk}",
                on=due,
                text=Text(
                    _("%(group)s, %(area)s has not set its objectives for %(year)s."),
                    {"group": group.name, "area": group.cooperation, "year": today.year},
                ),
                link=reverse("objective-create", args=[group.pk, today.year]),  # the form (#29 item 6)
                cooperation_id=group.cooperation_id,
                audience=audience,
                remind=Remind.REACHED,
            )
        if group.pk not in assessed:
            yield Due(
                kind=STAFFING_REVIEW_DUE,
                key=f"governance.steeringgroup:{group.pk}",
                on=due,
                text=Text(
                    _("%(group)s, %(area)s has not assessed the adequacy of staffing in %(year)s."),
                    {"group": group.name, "area": group.cooperation, "year": last_year},
                ),
                link=reverse("staffing-assessment", args=[group.pk, last_year]),  # the form (#29 item 6)
                cooperation_id=group.cooperation_id,
                audience=audience,
                remind=Remind.REACHED,
            )
            missing = [p for p in parties[group.cooperation_id] if (group.pk, p.pk) not in reported]
            yield from _figures_missing(group, missing, last_year, due)


def _figures_missing(group: SteeringGroup, parties: list, year: int, due: datetime.date) -> Iterator[Due]:
    """While the year's staffing is not assessed, each party that has reported no staff figures for it
    has a task: the review needs every party's figures (Act 381/2023 § 9; agreement § 6). Shown to
    the party's editors on their front page; never sent, never in the calendar."""
    for party in parties:
        yield Due(
            kind=FIGURES_DUE,
            key=f"staffing.figures:{group.pk}:{year}:{party.pk}",
            on=due,
            text=Text(
                _("%(party)s has not reported its staff figures for %(year)s to %(group)s."),
                {"party": party, "year": year, "group": group.name},
            ),
            # The upload form on the year's page (its address takes only the POST).
            link=reverse("staffing-year", args=[group.pk, year]) + "#import-heading",
            cooperation_id=group.cooperation_id,
            audience=Audience(secretaries=False, organisations=(party,)),
            remind=Remind.NEVER,
            in_calendar=False,
        )
