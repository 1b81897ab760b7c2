"""The one way records are written: validated in full (fields, model rules, database constraints, with
translated messages) and saved with the acting user in the change history. Callers wrap it in
transaction.atomic, so a refused write leaves nothing half-saved."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)
# Who did it: the logged-in user, or None for the system (a scheduled job, a migration).
Actor = AbstractBaseUser | AnonymousUser | None


def save_validated(obj: M, actor: Actor, reason: str = "") -> M:
    obj.full_clean()
    obj._history_user = actor  # type: ignore[attr-defined]  # read by simple-history
    if reason:
        obj._change_reason = reason  # type: ignore[attr-defined]
    try:
        # A savepoint: when two requests race past full_clean, the loser's unique or check
        # constraint is a refusal ("already done"), not a server error, and the caller's
        # transaction can still roll back cleanly.
        with transaction.atomic():
            obj.save()
    except IntegrityError as error:
        raise ValidationError(
            _("This was saved at the same moment by another request, or conflicts with a saved record."),
            code="conflict",
        ) from error
    return obj


def update_fields(
    obj: M, *, actor: Actor, allowed: Iterable[str], data: Mapping[str, Any], reason: str = ""
) -> list[str]:
    """Set only the ALLOWED fields of OBJ from DATA, validate and save; the names that changed.

    A name outside ALLOWED is a programming error (a form offering a field its service may not set),
    so it raises rather than being dropped in silence. Nothing is saved, nor history written, when
    nothing changed."""
    permitted = set(allowed)
    unexpected = sorted(set(data) - permitted)
    if unexpected:
        raise ValueError(f"{type(obj).__name__} may not be updated here: {', '.join(unexpected)}")
    changed = [name for name, value in data.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, data[name])
    if changed:
        save_validated(obj, actor, reason)
    return changed
