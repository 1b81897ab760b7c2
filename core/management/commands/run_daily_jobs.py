import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core import jobs


class Command(BaseCommand):
    help = (
        "Run every app's daily job once (weekly reminders too on Mondays) and print what they did; for cron."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--date", help="run as if today were this date (YYYY-MM-DD)")

    def handle(self, *args: Any, date: str | None = None, **options: Any) -> None:
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date {date!r} is not a date (YYYY-MM-DD)") from None
        result = jobs.run_daily(today)
        self.stdout.write(f"Jobs run for {today.isoformat()}:")
        for name, count in result.items():
            self.stdout.write(f"  {name}: {count}")
