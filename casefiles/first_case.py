"""The first real case as a case file (docs/cases/etela-keski-suomi.json): built from the domain apps'
annotated demo steps (core/demo.py) by `manage.py build_demo_case`, and read by `manage.py load_demo`
through the same importer every cooperation uses (exchange.py).

Apps whose records a case file does not carry (the example objectives and staffing figures) still run
`load`, after the import, with what the case apps' `recall(ctx)` found again; `after(ctx)` hooks come
last (the demo logins)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from casefiles import exchange, reading
from core.demo import DemoContext, demo_module, run_steps

CASE_FILE = Path(__file__).resolve().parent.parent / "docs" / "cases" / "etela-keski-suomi.json"


def build() -> dict[str, Any]:
    """The case as the demo steps build it, exported; nothing stays in the database."""
    ctx = DemoContext()
    with transaction.atomic():
        run_steps(ctx, settings.DOMAIN_APPS)
        data = exchange.export(ctx["cooperation"])
        transaction.set_rollback(True)
    return data


def load_case(ctx: DemoContext, app_labels: tuple[str, ...]) -> None:
    """Read CASE_FILE through the importer, then the steps the case file does not carry."""
    outcome = reading.read(json.loads(CASE_FILE.read_text(encoding="utf-8")))
    ctx.created += outcome.created
    ctx.updated += outcome.updated
    ctx.log.extend(outcome.warnings)
    in_case_file = {p.model._meta.app_label for p in exchange.parts()}
    modules = [(label, demo_module(label)) for label in app_labels]
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
