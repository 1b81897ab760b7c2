"""Collecting a record's rule violations by field, to raise them together as one ValidationError
(so a form shows every problem at once, each on its field)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class Errors:
    def __init__(self) -> None:
        self._by_field: dict[str, list[ValidationError]] = {}

    def add(self, field: str, message: str | StrPromise, **params: Any) -> None:
        self._by_field.setdefault(field, []).append(ValidationError(message, params=params or None))

    def __bool__(self) -> bool:
        return bool(self._by_field)

    def raise_if_any(self) -> None:
        if self._by_field:
            raise ValidationError(self._by_field)
