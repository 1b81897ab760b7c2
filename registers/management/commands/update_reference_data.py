"""python manage.py update_reference_data FILE [--dry-run]"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from registers import editions, usage


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Apply a newer edition of the national registers (registers/data/*.json): prints what changed; "
        "all or nothing. Refused, changing nothing, when it is not newer than the edition in effect, "
        "leaves a municipality without a county or region, or drops a municipality still in use."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="the edition (JSON)")
        parser.add_argument("--dry-run", action="store_true", help="print what would change, change nothing")

    def handle(self, *args: Any, file: str, dry_run: bool = False, **options: Any) -> None:
        try:
            data = editions.read(Path(file))
            with transaction.atomic():
                outcome = editions.apply(data, in_use=usage.municipality_codes_in_use())
                if dry_run:
                    raise _DryRun
        except editions.EditionRefused as refused:
            for line in refused.errors:
                self.stderr.write(line)
            raise CommandError(f"Nothing was changed: {len(refused.errors)} errors.") from None
        except _DryRun:
            self.stdout.write(f"Dry run of edition {outcome.edition}: nothing was changed.")
        else:
            self.stdout.write(f"Edition {outcome.edition} applied.")
        for line in outcome.changes or ["no facts changed"]:
            self.stdout.write(f"  {line}")
