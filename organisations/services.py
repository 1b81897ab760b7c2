"""Writes to the shared data. Each one validates in full and saves in one transaction, naming who
did it in the change history."""

from __future__ import annotations

from django.db import transaction

from organisations.models import Organisation
from tym.writes import save_validated


@transaction.atomic
def update_organisation(*, organisation: Organisation, actor, reason: str = "", **fields) -> Organisation:
    for name, value in fields.items():
        setattr(organisation, name, value)
    return save_validated(organisation, actor, reason)
