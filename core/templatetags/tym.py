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


@register.simple_tag
def once() -> str:
    """A one-time token for a form (core.middleware.OnceMiddleware): sent twice, it is saved once. The
    server issues it (core.once): a token the client makes up is no token."""
    from django.utils.html import format_html

    from core import once as tokens

    return format_html('<input type="hidden" name="once" value="{}">', tokens.issue())


@register.filter
def has_come(day: Any) -> bool:
    """Whether DAY (a date) is today or past: an action on what happens that day, such as recording a
    meeting's decisions, is offered only from then on (#29 item 4; refused before it in the service)."""
    import datetime

    from django.utils import timezone

    return isinstance(day, datetime.date) and day <= timezone.localdate()
