"""python manage.py case_file_schema: write docs/case-file.schema.json from the apps' parts."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from casefiles import exchange, schema


class Command(BaseCommand):
    help = "Write the case file's JSON Schema (docs/case-file.schema.json) from the apps' declared parts."

    def handle(self, *args: Any, **options: Any) -> None:
        text = json.dumps(schema.build_schema(), ensure_ascii=False, indent=1) + "\n"
        exchange.SCHEMA_PATH.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {exchange.SCHEMA_PATH}")
