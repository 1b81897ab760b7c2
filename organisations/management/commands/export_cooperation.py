"""python manage.py export_cooperation CODE > case.json"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from casefiles import exchange as casefile
from organisations.models import Cooperation


class Command(BaseCommand):
    help = "Write one cooperation as a case file (JSON, docs/case-file.schema.json) to standard output."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("code", help="the cooperation's code")

    def handle(self, *args: Any, code: str, **options: Any) -> None:
        cooperation = Cooperation.objects.filter(code=code).first()
        if cooperation is None:
            raise CommandError(f"No cooperation {code!r}")
        self.stdout.write(json.dumps(casefile.export(cooperation), ensure_ascii=False, indent=1))
