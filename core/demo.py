"""The machinery of the first real case's demo steps: each domain app may have a `demo.py` whose
`load(ctx)` builds its part of the case from the source document (with the source's wording and gaps,
annotated). They run in settings.DOMAIN_APPS order (lowest layer first), sharing a context in which
earlier steps leave what later ones refer to (the area, organisations, people).

The case file they build, and `load_demo` that reads it, belong to the case files
(casefiles/first_case.py)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, TypeVar

from django.db import models

DEMO_REASON = "load_demo"
M = TypeVar("M", bound=models.Model)


@dataclass
class DemoContext:
    created: int = 0
    updated: int = 0
    objects: dict[str, Any] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)
    # Demo logins with a published password: only `load_demo --demo-users`, only with DEBUG on.
    demo_users: bool = False

    def __getitem__(self, key: str) -> Any:
        return self.objects[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.objects[key] = value


def upsert(ctx: DemoContext, model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> M:
    """Create the row, or bring it to VALUES; save (and so write history) only when something differs.

    That is what makes a second run change nothing, not even the change history.
    """
    obj: M | None = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj._change_reason = DEMO_REASON  # type: ignore[attr-defined]
        obj.save()
        ctx.created += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj._change_reason = DEMO_REASON  # type: ignore[attr-defined]  # read by simple-history
        obj.save()
        ctx.updated += 1
    return obj


def demo_module(label: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"{label}.demo")
    except ModuleNotFoundError as exc:
        if exc.name != f"{label}.demo":
            raise
        return None


def run_steps(ctx: DemoContext, app_labels: tuple[str, ...]) -> None:
    """Build the whole case with every app's `load` (what build_demo_case writes out)."""
    for label in app_labels:
        module = demo_module(label)
        if module is not None:
            module.load(ctx)
