"""python manage.py grant_access USERNAME --organisation BUSINESS_ID --role editor|viewer
--cooperation CODE [--by USERNAME]"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from organisations import services
from organisations.management.rights_arguments import add_arguments, describe, resolve


class Command(BaseCommand):
    help = "Give a user a right (kept in history); prints what changed. For scripted onboarding."

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        target = resolve(options)
        if target.active is not None:
            self.stdout.write(f"Unchanged: {describe(target.active)} (already in force)")
            return
        try:
            grant = services.grant(
                user=target.user,
                role=target.role,
                organisation=target.organisation,
                cooperation=target.cooperation,
                actor=target.actor,
            )
        except Exception as error:  # a validation error of the grant, said plainly
            raise CommandError(str(error)) from error
        self.stdout.write(f"Granted: {describe(grant)}")
