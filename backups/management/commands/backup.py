"""python manage.py backup [--to DIR] [--unencrypted]: the database and the uploaded files into
DIR/tym-<time>/, the owner's only, each file encrypted with GnuPG (backups/folders.py)."""

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
        parser.add_argument(
            "--unencrypted", action="store_true", help="without a key configured: write the files unencrypted"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            folder = folders.backup(Path(options["to"]), unencrypted=options["unencrypted"])
        except folders.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(folder))
