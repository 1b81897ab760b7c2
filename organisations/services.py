"""Writes to the shared data. Each one validates in full and saves in one transaction, naming who
did it in the change history."""

from __future__ import annotations

from django.db import transaction
from simple_history.utils import update_change_reason

from organisations.models import Organisation


@transaction.atomic
def update_organisation(*, organisation: Organisation, actor, reason: str = "", **fields) -> Organisation:
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation._history_user = actor
    organisation.save()
    if reason:
        update_change_reason(organisation, reason)
    return organisation
