"""python manage.py import_cooperation FILE [--by USERNAME]"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from casefiles import exchange, reading


class Command(BaseCommand):
    help = (
        "Read a case file (docs/case-file.schema.json): all of it or nothing, every error named by its "
        "JSON path; a second import of the same file changes nothing. Records of another cooperation "
        "are never changed; what the file says differently of a shared record (an organisation, a "
        "municipality, a person another cooperation names) is printed as a warning."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="the case file, or - for standard input")
        parser.add_argument("--by", help="the user name to record in the history as having imported it")

    def handle(self, *args: Any, file: str, by: str | None = None, **options: Any) -> None:
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"$: not JSON (line {error.lineno}, column {error.colno}: {error.msg})"
            ) from None
        actor = None
        if by:
            actor = get_user_model().objects.filter(username=by).first()
            if actor is None:
                raise CommandError(f"No user {by!r}")
        try:
            outcome = reading.read(data, actor=actor)
        except exchange.CaseFileRefused as refused:
            for line in refused.errors:
                self.stderr.write(line)
            raise CommandError(f"Nothing was saved: {len(refused.errors)} errors.") from None
        self.stdout.write(
            f"Imported: {outcome.created} created, {outcome.updated} updated, {outcome.unchanged} unchanged."
        )
        for line in outcome.warnings:
            self.stderr.write(self.style.WARNING(line))
