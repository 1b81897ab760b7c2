"""Writes to the access-rights register: each step validated, one transaction, the actor in history."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accessrights.models import CUSTOMER_SYSTEM, AccessRight
from core.writes import Actor
from core.writes import save_validated as _save
from organisations.models import Cooperation, Organisation, Person


@transaction.atomic
def apply(
    *,
    actor: Actor,
    cooperation: Cooperation,
    organisation: Organisation,
    person: Person,
    role: str,
    applied_on: datetime.date,
    applied_by: str,
    system: str = CUSTOMER_SYSTEM,
) -> AccessRight:
    """An application for PERSON of ORGANISATION to reach SYSTEM in ROLE (agreement § 10)."""
    right = AccessRight(
        cooperation=cooperation,
        organisation=organisation,
        person=person,
        system=system,
        role=role,
        applied_on=applied_on,
        applied_by=applied_by,
    )
    return _save(right, actor)


def _open(right: AccessRight) -> AccessRight:
    right = AccessRight.objects.select_for_update().select_related("person").get(pk=right.pk)
    if right.ended_on:
        raise ValidationError(_("The access right has ended: apply for a new one."))
    return right


@transaction.atomic
def grant(*, right: AccessRight, on: datetime.date, by: str, actor: Actor) -> AccessRight:
    right = _open(right)
    if right.granted_on:
        raise ValidationError(_("The access right has already been granted."))
    right.granted_on, right.granted_by = on, by
    return _save(right, actor)


@transaction.atomic
def update(*, right: AccessRight, on: datetime.date, by: str, note: str, actor: Actor) -> AccessRight:
    right = _open(right)
    if not right.granted_on:
        raise ValidationError(_("Access is updated only once granted, and not before."))
    right.updated_on, right.updated_by, right.update_note = on, by, note
    return _save(right, actor)


@transaction.atomic
def end(*, right: AccessRight, on: datetime.date, by: str, actor: Actor) -> AccessRight:
    right = _open(right)
    if (right.granted_on and on < right.granted_on) or (right.updated_on and on < right.updated_on):
        raise ValidationError({"on": _("Access cannot end before its last step.")})
    right.ended_on, right.ended_by = on, by
    return _save(right, actor)
