"""The machinery of the first real case: each domain app may have a `demo.py` whose `load(ctx)` builds
its part of the case from the source document (with the source's wording and gaps, annotated). They
run in settings.DOMAIN_APPS order (lowest layer first), sharing a context in which earlier steps leave
what later ones refer to (the area, organisations, people).

`manage.py build_demo_case` runs those steps and writes the case file CASE_FILE; `manage.py load_demo`
reads that file through the same importer every cooperation uses (core/casefile.py). Apps whose
records a case file does not carry (the example objectives and staffing figures) still run `load`,
after the import, with what the case apps' `recall(ctx)` found again; `after(ctx)` hooks come last
(the demo logins)."""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

from django.db import models

DEMO_REASON = "load_demo"
CASE_FILE = Path(__file__).resolve().parent.parent / "docs" / "cases" / "etela-keski-suomi.json"
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


def _demo_module(label: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"{label}.demo")
    except ModuleNotFoundError as exc:
        if exc.name != f"{label}.demo":
            raise
        return None


def run_steps(ctx: DemoContext, app_labels: tuple[str, ...]) -> None:
    """Build the whole case with every app's `load` (what build_demo_case writes out)."""
    for label in app_labels:
        module = _demo_module(label)
        if module is not None:
            module.load(ctx)


def load_case(ctx: DemoContext, app_labels: tuple[str, ...]) -> None:
    """Read CASE_FILE through the importer, then the steps the case file does not carry."""
    from core import casefile

    outcome = casefile.read(json.loads(CASE_FILE.read_text(encoding="utf-8")))
    ctx.created += outcome.created
    ctx.updated += outcome.updated
    in_case_file = {p.model._meta.app_label for p in casefile.parts()}
    modules = [(label, _demo_module(label)) for label in app_labels]
    for label, module in modules:
        if module is None:
            continue
        if label in in_case_file:
            if hasattr(module, "recall"):
                module.recall(ctx)
        else:
            module.load(ctx)
    for _label, module in modules:
        if module is not None and hasattr(module, "after"):
            module.after(ctx)
