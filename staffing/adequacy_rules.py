"""Objectives and staffing in the steering group's compliance report. The two conditions below are
also what staffing/reminders.py reminds of: written once, here."""

import datetime
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.citations import Cite, Topic
from governance.compliance import GroupFacts, Severity, loads_facts, rule
from governance.models import SteeringGroup
from staffing.models import Objective, StaffingReview

# Act 381/2023 took effect on 1.1.2025: the first year whose staffing a steering group assesses (§ 9).
FIRST_ASSESSED_YEAR = 2025


def objectives_due(year: int) -> datetime.date:
    """The day from which the year's objectives are asked for. Neither the decree (VNA 388/2024: "every
    year") nor the agreement fixes a date: this is the cooperation's own choice (settings), not law."""
    month, day = settings.OBJECTIVES_DUE_BY
    return datetime.date(year, month, day)


def objectives_set(group: SteeringGroup, year: int) -> bool:
    """The steering group has set objectives for YEAR (VNA 388/2024: every year)."""
    return group.pk in groups_with_objectives([group], year)


def groups_with_objectives(groups: Iterable[SteeringGroup], year: int) -> set[int]:
    """Of GROUPS, the ids of those that have set objectives for YEAR, in one query."""
    return set(
        Objective.objects.filter(group__in=list(groups), year=year)
        .exclude(status=Objective.Status.PROPOSED)
        .values_list("group_id", flat=True)
    )


def staffing_assessed(group: SteeringGroup, year: int) -> bool:
    """The adequacy of staffing in YEAR has been assessed (Act 381/2023 § 9)."""
    return group.pk in groups_assessed([group], year)


def groups_assessed(groups: Iterable[SteeringGroup], year: int) -> set[int]:
    """Of GROUPS, the ids of those that have assessed the adequacy of staffing in YEAR, in one query; a
    year before the group's term began is not the group's to assess, nor one before Act 381/2023 took
    effect (1.1.2025)."""
    groups = list(groups)
    if year < FIRST_ASSESSED_YEAR:
        return {g.pk for g in groups}
    assessed = set(
        StaffingReview.objects.filter(group__in=groups, year=year, adequate__isnull=False).values_list(
            "group_id", flat=True
        )
    )
    return assessed | {g.pk for g in groups if g.term_start and g.term_start.year > year}


@loads_facts
def _all_staffing(facts: list[GroupFacts]) -> None:
    """The staffing rules' facts for every group at once (evaluate_many: one day for all)."""
    groups = [f.group for f in facts]
    today = facts[0].today
    # before the day they are due, objectives are not asked for (ST-OBJECTIVES): no query
    due = today >= objectives_due(today.year)
    with_objectives = groups_with_objectives(groups, today.year) if due else {g.pk for g in groups}
    assessed = groups_assessed(groups, today.year - 1)
    inadequate: dict[int, list[StaffingReview]] = {g.pk: [] for g in groups}
    for review in StaffingReview.objects.filter(group__in=groups, adequate=False):
        inadequate[review.group_id].append(review)
    for f in facts:
        f.extra["staffing"] = (f.group.pk in with_objectives, f.group.pk in assessed, inadequate[f.group.pk])


def _staffing(facts: GroupFacts) -> tuple[bool, bool, list[StaffingReview]]:
    """Objectives set this year, staffing assessed last year, and the reviews found not adequate."""
    if "staffing" not in facts.extra:
        _all_staffing([facts])
    found: tuple[bool, bool, list[StaffingReview]] = facts.extra["staffing"]
    return found


@rule(
    "ST-OBJECTIVES",
    gettext_lazy("The year's objectives are set"),
    citation=Cite("VNA 388/2024 (johtoryhmän tehtävät: vuosittain)", topics=(Topic.OBJECTIVES,)),
    severity=Severity.WARNING,
)
def objectives_are_set(facts: GroupFacts) -> Iterator[str]:
    year = facts.today.year
    if facts.today >= objectives_due(year) and not _staffing(facts)[0]:
        yield _(
            "No objectives have been set for %(year)s. The decree asks for them every year but sets no "
            "date; %(day)s is the cooperation's own reminder date."
        ) % {
            "year": year,
            "day": objectives_due(year).strftime("%d.%m.%Y"),
        }


@rule(
    "ST-ASSESSED",
    gettext_lazy("Last year's staffing has been assessed"),
    citation=Cite("Laki 381/2023 § 9", topics=(Topic.STAFFING,)),
    severity=Severity.WARNING,
)
def staffing_is_assessed(facts: GroupFacts) -> Iterator[str]:
    year = facts.today.year - 1
    if not _staffing(facts)[1]:
        yield _("The adequacy of staffing in %(year)s has not been assessed.") % {"year": year}


@rule(
    "ST-MEASURES",
    gettext_lazy("Inadequate staffing has measures"),
    citation="Laki 381/2023 § 9",
    severity=Severity.ERROR,
)
def inadequate_has_measures(facts: GroupFacts) -> Iterator[str]:
    for review in _staffing(facts)[2]:
        if not review.measures.strip():
            yield _("Staffing in %(year)s was assessed not adequate, but no measures are recorded.") % {
                "year": review.year
            }
