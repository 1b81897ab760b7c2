"""python manage.py backup [--to DIR]: the database and the uploaded files into DIR/tym-<time>/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from backups import folders


class Command(BaseCommand):
    help = "Back up the database and the uploaded files (MEDIA_ROOT) into one folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--to", default=str(Path(settings.VAR_DIR) / "backups"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            folder = folders.backup(Path(options["to"]))
        except folders.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(folder))
