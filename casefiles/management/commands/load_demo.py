from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from casefiles.first_case import load_case
from core.demo import DemoContext


class Command(BaseCommand):
    help = (
        "Load the first real case (board decision § 16/2025 and its agreement) from its case file. "
        "Safe to run again."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help="Also create demo logins with a published password (only with DEBUG on).",
        )

    def handle(self, *args: Any, demo_users: bool = False, **options: Any) -> None:
        if demo_users and not settings.DEBUG:
            raise CommandError("Demo logins have a published password: they are only created with DEBUG on.")
        ctx = DemoContext(demo_users=demo_users)
        with transaction.atomic():
            load_case(ctx, settings.DOMAIN_APPS)
        if options.get("verbosity", 1) < 1:
            return
        self.stdout.write(f"Demo data loaded: {ctx.created} created, {ctx.updated} updated.")
        for line in ctx.log:
            self.stdout.write(line)
