"""Writes of the objectives-and-staffing app. Each validates in full and saves in one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.writes import Actor, save_validated, update_fields
from decisions.models import AgendaItem
from governance.models import SteeringGroup
from organisations.models import Organisation
from staffing import imports
from staffing.models import Indicator, Measurement, NationalObjective, Objective, StaffingReview

IMPORT_KINDS = ("staff", "clients")


@transaction.atomic
def import_figures(
    *,
    group: SteeringGroup,
    year: int,
    organisation: Organisation,
    kind: str,
    upload: UploadedFile | None,
    actor: Actor,
) -> int:
    """Replace ORGANISATION's staff or client figures for YEAR with the file's; the rows saved.

    The year's review is created here, in the same transaction, so a refused file leaves no empty
    review behind. Only a party of the group's area reports figures (agreement § 6)."""
    if kind not in IMPORT_KINDS or upload is None:
        raise imports.ImportRefused([imports.RowError(1, _("Choose what you import and the file."))])
    return replace_figures(
        group=group,
        year=year,
        organisation=organisation,
        kind=kind,
        rows=imports.read_rows(upload),
        actor=actor,
    )


@transaction.atomic
def replace_figures(
    *,
    group: SteeringGroup,
    year: int,
    organisation: Organisation,
    kind: str,
    rows: list[list[str]],
    actor: Actor,
) -> int:
    """Replace ORGANISATION's figures of KIND for YEAR with ROWS (a header row, then values as text):
    the one rule set for a file and for the API."""
    if kind not in IMPORT_KINDS:
        raise imports.ImportRefused([imports.RowError(1, _("Choose what you import and the file."))])
    if not group.cooperation.parties().filter(pk=organisation.pk).exists():
        raise imports.ImportRefused(
            [
                imports.RowError(
                    1,
                    _("%(organisation)s is not a party of this cooperation.")
                    % {"organisation": organisation},
                )
            ]
        )
    review, _created = StaffingReview.objects.get_or_create(group=group, year=year)
    return imports.replace_rows(review=review, organisation=organisation, kind=kind, rows=rows, actor=actor)


# The year's objectives: a member's party proposes, the secretary records the steering group's decision
# (VNA 388/2024: the group sets objectives every year, taking the national objectives into account).


@transaction.atomic
def propose_objective(
    *,
    group: SteeringGroup,
    year: int,
    title: str,
    actor: Actor,
    description: str = "",
    national_objectives: Iterable[NationalObjective] = (),
    responsible: Iterable[Organisation] = (),
) -> Objective:
    objective = save_validated(
        Objective(
            group=group, year=year, title=title, description=description, status=Objective.Status.PROPOSED
        ),
        actor,
    )
    objective.national_objectives.set(national_objectives)
    objective.responsible.set(responsible)
    return objective


def _group_decision(group: SteeringGroup, decision: AgendaItem | None) -> None:
    if decision is not None and decision.body.area.cooperation_id != group.cooperation_id:
        raise ValidationError({"decided_in": _("The decision was made in another cooperation.")})


@transaction.atomic
def record_objective_decision(
    *, objective: Objective, set_on: datetime.date, decided_in: AgendaItem | None, actor: Actor
) -> Objective:
    """The steering group set the objective: it is no longer a proposal."""
    _group_decision(objective.group, decided_in)
    if set_on.year > objective.year:
        raise ValidationError({"set_on": _("The objectives of a year are set before the year ends.")})
    objective.set_on, objective.decided_in = set_on, decided_in
    if objective.status == Objective.Status.PROPOSED:
        objective.status = Objective.Status.PLANNED
    return save_validated(objective, actor, "set by the steering group")


@transaction.atomic
def follow_up_status(*, objective: Objective, status: str, actor: Actor) -> Objective:
    if objective.status == Objective.Status.PROPOSED:
        raise ValidationError({"status": _("A proposal is followed up once the steering group has set it.")})
    if status == Objective.Status.PROPOSED:
        raise ValidationError({"status": _("A set objective cannot become a proposal again.")})
    objective.status = status
    return save_validated(objective, actor)


@transaction.atomic
def add_indicator(
    *, objective: Objective, name: str, unit: str, baseline: Decimal, target: Decimal, actor: Actor
) -> Indicator:
    indicator = Indicator(objective=objective, name=name, unit=unit, baseline=baseline, target=target)
    return save_validated(indicator, actor)


@transaction.atomic
def record_measurement(
    *,
    indicator: Indicator,
    measured_on: datetime.date,
    value: Decimal,
    actor: Actor,
    note: str = "",
    today: datetime.date | None = None,
) -> Measurement:
    if measured_on > (today or timezone.localdate()):
        raise ValidationError({"measured_on": _("A follow-up value cannot be dated in the future.")})
    measurement = Measurement(indicator=indicator, measured_on=measured_on, value=value, note=note)
    return save_validated(measurement, actor)


# What an assessment sets; the group, the year and the figures stay as they are.
ASSESSMENT_FIELDS = (
    "adequate",
    "assessed_on",
    "decided_in",
    "reasons",
    "measures",
    "measures_by",
    "measures_due",
)


@transaction.atomic
def assess_staffing(
    *,
    group: SteeringGroup,
    year: int,
    adequate: bool,
    assessed_on: datetime.date,
    actor: Actor,
    decided_in: AgendaItem | None = None,
    reasons: str = "",
    measures: str = "",
    measures_by: str = "",
    measures_due: datetime.date | None = None,
) -> StaffingReview:
    """Record the steering group's assessment of whether the staff was adequate in YEAR (Act 381/2023 § 9).
    When it was not, the measures and who takes them are part of the assessment."""
    _group_decision(group, decided_in)
    errors: dict[str, list[str]] = {}
    if assessed_on.year < year:
        errors["assessed_on"] = [_("A year's staffing is assessed once the year has begun.")]
    if not adequate and not measures.strip():
        errors["measures"] = [_("Staffing was not adequate: say what measures are taken.")]
    if errors:
        raise ValidationError(errors)
    review = StaffingReview.objects.select_for_update().filter(group=group, year=year).first()
    data = {
        "adequate": adequate,
        "assessed_on": assessed_on,
        "decided_in": decided_in,
        "reasons": reasons,
        "measures": measures,
        "measures_by": measures_by,
        "measures_due": measures_due,
    }
    if review is None:
        return save_validated(StaffingReview(group=group, year=year, **data), actor, "assessed")
    update_fields(review, actor=actor, allowed=ASSESSMENT_FIELDS, data=data, reason="assessed")
    return review
