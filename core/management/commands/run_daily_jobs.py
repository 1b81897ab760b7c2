import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core import jobs


class Command(BaseCommand):
    help = (
        "Run every app's daily job once (weekly reminders too on Mondays) and print what they did; for cron. "
        "--date catches up a past day; a future date is refused (#31 item 4)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--date", help="run as if today were this past date (YYYY-MM-DD)")

    def handle(self, *args: Any, date: str | None = None, **options: Any) -> None:
        real_today = timezone.localdate()
        try:
            today = datetime.date.fromisoformat(date) if date else real_today
        except ValueError:
            raise CommandError(f"--date {date!r} is not a date (YYYY-MM-DD)") from None
        if today > real_today:
            # Run for a future day, the jobs would end agreements and prune the use log before their time.
            raise CommandError(
                f"--date {today.isoformat()} is in the future (today is {real_today.isoformat()}): "
                "--date is for catching up past days"
            )
        result = jobs.run_daily(today)
        self.stdout.write(f"Jobs run for {today.isoformat()}:")
        for name, count in result.items():
            self.stdout.write(f"  {name}: {count}")
