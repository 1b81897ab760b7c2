"""Writes to the shared data. Each one validates in full and saves in one transaction, naming who
did it in the change history."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from core.writes import Actor, update_fields
from organisations.models import Organisation

# What an organisation's own editor may change: its names, business ID and address; never its kind
# (which decides its rights in the cooperation) or the provenance of its record.
EDITABLE_FIELDS = ("name_fi", "name_sv", "business_id", "address")


@transaction.atomic
def update_organisation(
    *, organisation: Organisation, actor: Actor, reason: str = "", **fields: Any
) -> list[str]:
    """Save the changed FIELDS; the names that changed."""
    return update_fields(organisation, actor=actor, allowed=EDITABLE_FIELDS, data=fields, reason=reason)
