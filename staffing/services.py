"""Writes of the objectives-and-staffing app. Each validates in full and saves in one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.writes import Actor, save_validated
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
    actor: Actor,
    national_objectives: Iterable[NationalObjective] = (),
    responsible: Iterable[Organisation] = (),
    **fields: Any,
) -> Objective:
    objective = save_validated(
        Objective(group=group, year=year, status=Objective.Status.PROPOSED, **fields), actor
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
def add_indicator(*, objective: Objective, actor: Actor, **fields: Any) -> Indicator:
    return save_validated(Indicator(objective=objective, **fields), actor)


@transaction.atomic
def record_measurement(
    *,
    indicator: Indicator,
    measured_on: datetime.date,
    actor: Actor,
    today: datetime.date | None = None,
    **fields: Any,
) -> Measurement:
    if measured_on > (today or timezone.localdate()):
        raise ValidationError({"measured_on": _("A follow-up value cannot be dated in the future.")})
    return save_validated(Measurement(indicator=indicator, measured_on=measured_on, **fields), actor)


@transaction.atomic
def assess_staffing(
    *,
    group: SteeringGroup,
    year: int,
    adequate: bool,
    assessed_on: datetime.date,
    actor: Actor,
    decided_in: AgendaItem | None = None,
    **fields: Any,
) -> StaffingReview:
    """Record the steering group's assessment of whether the staff was adequate in YEAR (Act 381/2023 § 9).
    When it was not, the measures and who takes them are part of the assessment."""
    _group_decision(group, decided_in)
    errors: dict[str, list[str]] = {}
    if assessed_on.year < year:
        errors["assessed_on"] = [_("A year's staffing is assessed once the year has begun.")]
    if not adequate and not (fields.get("measures") or "").strip():
        errors["measures"] = [_("Staffing was not adequate: say what measures are taken.")]
    if errors:
        raise ValidationError(errors)
    review = StaffingReview.objects.select_for_update().filter(group=group, year=year).first()
    review = review or StaffingReview(group=group, year=year)
    review.adequate, review.assessed_on, review.decided_in = adequate, assessed_on, decided_in
    for name, value in fields.items():
        setattr(review, name, value)
    return save_validated(review, actor, "assessed")
