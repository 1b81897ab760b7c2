"""python manage.py invite_user EMAIL --organisation BUSINESS_ID --cooperation CODE
--role viewer|editor|secretary [--name "First Last"]"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from organisations import business_id, onboarding_users, services
from organisations.management.commands.create_user import split_name
from organisations.models import Cooperation, Grant, Organisation


def _organisation(written: str) -> Organisation:
    # As written (a value kept from a source may fail its check digit), or in its canonical form.
    forms = {written, business_id.normalise(written)} if business_id.is_valid(written) else {written}
    found = list(Organisation.objects.filter(business_id__in=forms).order_by("name_fi"))
    if not found:
        raise CommandError(_("No organisation has the business ID %(id)s.") % {"id": written})
    if len(found) > 1:
        names = ", ".join(o.name_fi for o in found)
        raise CommandError(
            _("Several organisations have the business ID %(id)s: %(names)s.")
            % {"id": written, "names": names}
        )
    return found[0]


class Command(BaseCommand):
    help = (
        "Give the user with EMAIL a right in one cooperation, inviting a new login (with --name) when no "
        "user has the address; a user who has not chosen a password gets the invitation's e-mail. "
        "Nothing is saved on an error. For scripted onboarding."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--organisation", required=True, help="the organisation's business ID")
        parser.add_argument("--cooperation", required=True, help="the cooperation's code")
        parser.add_argument("--role", required=True, choices=[r.value for r in Grant.Role])
        parser.add_argument("--name", default="", help="the first and last name of a new user")
        parser.add_argument(
            "--language", default="fi", choices=["fi", "sv", "en"], help="the invitation's language"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cooperation = Cooperation.objects.filter(code=options["cooperation"]).first()
        if cooperation is None:
            raise CommandError(_("No cooperation has the code %(code)s.") % {"code": options["cooperation"]})
        organisation = _organisation(options["organisation"].strip())
        first_name, last_name = split_name(options["name"])
        try:
            invited = onboarding_users.invite_user(
                email=options["email"],
                organisation=organisation,
                cooperation=cooperation,
                role=options["role"],
                first_name=first_name,
                last_name=last_name,
                actor=None,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if not invited.user.has_usable_password():
            services.send_invitation(invited.user, options["language"])
        self.stdout.write(
            _("%(user)s: %(role)s for %(organisation)s in %(cooperation)s.")
            % {
                "user": invited.user.get_username(),
                "role": invited.grant.get_role_display(),
                "organisation": organisation.name_fi,
                "cooperation": cooperation.code,
            }
        )
        if not invited.user.has_usable_password():
            self.stdout.write(
                _("The invitation to choose a password was sent to %(email)s.")
                % {"email": invited.user.email}
            )
