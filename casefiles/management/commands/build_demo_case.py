"""python manage.py build_demo_case: write the first real case's case file from the apps' demo steps."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from casefiles.first_case import CASE_FILE, build


class Command(BaseCommand):
    help = (
        "Build the first real case with each app's demo.py (the annotated source) and write it as the "
        "case file load_demo reads (docs/cases/). Nothing stays in the database."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        data = build()
        CASE_FILE.parent.mkdir(parents=True, exist_ok=True)
        CASE_FILE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        self.stdout.write(f"Wrote {CASE_FILE} ({len(data['records'])} records)")
