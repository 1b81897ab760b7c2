"""Template helpers every app's templates may use: {% load tym %}."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Mapping[Any, Any] | None, key: Any) -> Any:
    """MAPPING[KEY], or None: for a dict a view built (e.g. people by organisation)."""
    return (mapping or {}).get(key)
