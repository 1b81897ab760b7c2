"""python manage.py create_user USERNAME --email E [--name "First Last"]"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from organisations import onboarding_users, services


def split_name(name: str) -> tuple[str, str]:
    """ "First Last" (or "First Middle Last") as first names and the last name."""
    first, _space, last = (name or "").strip().rpartition(" ")
    return (first.strip(), last.strip()) if first else ("", last.strip())


class Command(BaseCommand):
    help = (
        "Create a login without rights; the user gets an e-mail with a link to choose a password. "
        "Give rights with invite_user. For scripted onboarding."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", default="", help='the first and last name, e.g. "Kerttu Kirjaaja"')
        parser.add_argument(
            "--language", default="fi", choices=["fi", "sv", "en"], help="the invitation's language"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        first_name, last_name = split_name(options["name"])
        try:
            validate_email(options["email"])
            user = onboarding_users.create_user(
                username=options["username"].strip(),
                email=options["email"],
                first_name=first_name,
                last_name=last_name,
                actor=None,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        services.send_invitation(user, options["language"])
        self.stdout.write(
            _("Created %(username)s; the invitation to choose a password was sent to %(email)s.")
            % {"username": user.get_username(), "email": user.email}
        )
