"""python manage.py revoke_access USERNAME --organisation BUSINESS_ID --role editor|viewer
--cooperation CODE [--by USERNAME]"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from organisations import services
from organisations.management.rights_arguments import add_arguments, describe, resolve


class Command(BaseCommand):
    help = "Withdraw a user's right (the grant is kept, with who withdrew it); prints what changed."

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        target = resolve(options)
        if target.active is None:
            self.stdout.write("Unchanged: no such right in force")
            return
        services.withdraw(grant=target.active, actor=target.actor)
        self.stdout.write(f"Withdrawn: {describe(target.active)}")
