"""python manage.py restore FOLDER [--database-url URL] [--media-root DIR]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backups import folders


class Command(BaseCommand):
    help = "Restore a backup folder made by `backup`: the database (replacing its tables) and the files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder")
        parser.add_argument("--database-url", default=None, help="restore into this database instead")
        parser.add_argument("--media-root", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            folders.restore(
                Path(options["folder"]),
                database_url=options["database_url"],
                media_root=Path(options["media_root"]) if options["media_root"] else None,
            )
        except folders.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"restored {options['folder']}")
