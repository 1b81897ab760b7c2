"""Small helpers for reading what a page has already loaded."""

from __future__ import annotations

from typing import Any


def prefetched(obj: Any, relation: str) -> bool:
    """Whether OBJ came with RELATION prefetched (prefetch_related): read it with .all(), which makes
    no query, rather than with a new queryset, which always does."""
    return relation in getattr(obj, "_prefetched_objects_cache", {})
