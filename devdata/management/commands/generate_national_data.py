"""python manage.py generate_national_data --cooperations 45 --years 10 [--seed N]: realistic volumes
for performance work (#15), deterministic, in bulk (devdata/national.py)."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from devdata.national import Generator


class Command(BaseCommand):
    help = "Generate national-scale data: N cooperations over Y years of the model (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--cooperations", type=int, default=45)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=2025)

    def handle(self, *args, cooperations: int, years: int, seed: int, **options):
        if not 1 <= cooperations <= 500 or not 1 <= years <= 50:
            raise CommandError("Give 1–500 cooperations and 1–50 years.")
        started = time.monotonic()
        quiet = options["verbosity"] == 0

        def progress(what: str, done: int, total: int) -> None:
            if quiet:
                return
            width = 40
            filled = width * done // total
            sys.stdout.write(f"\r{what}: [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            sys.stdout.flush()
            if done == total:
                sys.stdout.write("\n")

        counts = Generator(cooperations=cooperations, years=years, seed=seed, progress=progress).run()
        if connection.vendor == "postgresql":
            # Bulk writes leave the planner's statistics describing the empty tables until autovacuum
            # comes round; a plan made on them read 1.8 million rows for one steering group's page
            # (4.7 s instead of 0.2 ms). A real database has its statistics: give them now.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        if not quiet:
            for label, count in sorted(counts.items()):
                self.stdout.write(f"{label:32} {count:>9}")
            self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")
