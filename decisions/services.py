"""Writes to meetings and decisions: full validation, one transaction, the actor in the history."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.writes import Actor
from core.writes import save_validated as _save
from decisions.models import AgendaItem, AppealPart, Claim, Meeting, Notification
from organisations.models import Person


@transaction.atomic
def check_minutes(
    *, meeting: Meeting, checkers: list[Person], checked_on: datetime.date, actor: Actor
) -> Meeting:
    """Record that CHECKERS checked the minutes on CHECKED_ON; each must have attended the meeting."""
    present = {a.person_id: a for a in meeting.attendances.select_related("person")}
    absent = [person for person in checkers if person.pk not in present]
    if absent:
        raise ValidationError(
            _("%(names)s did not attend the meeting and cannot check its minutes.")
            % {"names": ", ".join(str(p) for p in absent)}
        )
    if not checkers:
        raise ValidationError(_("Name at least one person who checked the minutes."))
    for attendance in present.values():
        should = attendance.person_id in {p.pk for p in checkers}
        if attendance.checks_minutes != should:
            attendance.checks_minutes = should
            _save(attendance, actor)
    meeting.checked_on = checked_on
    _save(meeting, actor)
    return meeting


@transaction.atomic
def publish_minutes(*, meeting: Meeting, published_on: datetime.date, actor: Actor) -> Meeting:
    meeting.published_on = published_on
    _save(meeting, actor)
    return meeting


@transaction.atomic
def record_notification(*, item: AgendaItem, actor: Actor, **fields: Any) -> Notification:
    notification = Notification(item=item, **fields)
    _save(notification, actor)
    return notification


@transaction.atomic
def record_claim(*, item: AgendaItem, part: AppealPart, actor: Actor, **fields: Any) -> Claim:
    claim = Claim(item=item, part=part, **fields)
    _save(claim, actor)
    return claim
