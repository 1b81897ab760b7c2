"""The one way records are written: validated in full (fields, model rules, database constraints, with
translated messages) and saved with the acting user in the change history. Callers wrap it in
transaction.atomic, so a refused write leaves nothing half-saved."""

from __future__ import annotations


def save_validated(obj, actor, reason: str = ""):
    obj.full_clean()
    obj._history_user = actor
    if reason:
        obj._change_reason = reason
    obj.save()
    return obj
