"""Scripted onboarding (#26 item 7): a login without rights (manage.py create_user), and a right in one
cooperation for the user with an e-mail address, inviting a new login when there is none (manage.py
invite_user). Each validates in full and saves in one transaction: nothing is saved on a refusal."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core.writes import Actor, save_validated
from organisations import services
from organisations.models import Cooperation, Grant, Organisation, Person


@transaction.atomic
def create_user(*, username: str, email: str, first_name: str, last_name: str, actor: Actor) -> User:
    """A login with no password and no rights yet (scripted onboarding): the invitation's link lets
    the user choose a password, and invite_user gives the rights."""
    email = get_user_model().objects.normalize_email(email).strip()
    taken = get_user_model().objects.filter(
        Q(username__iexact=username) | Q(email__iexact=email) | Q(username__iexact=email)
    )
    if taken.exists():
        raise ValidationError(_("A user with this user name or e-mail address already exists."))
    user = get_user_model()(username=username, email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    return save_validated(user, actor)


@dataclass(frozen=True)
class Invited:
    user: User
    grant: Grant
    new_login: bool  # the login was created now: it needs the invitation to set a password


@transaction.atomic
def invite_user(
    *,
    email: str,
    organisation: Organisation,
    cooperation: Cooperation,
    role: str,
    first_name: str,
    last_name: str,
    actor: Actor,
) -> Invited:
    """ROLE for ORGANISATION in COOPERATION to the user with EMAIL, or to a new login invited by it
    (then FIRST_NAME and LAST_NAME are needed for their person). Refused, with nothing saved, for an
    organisation that does not take part in the cooperation."""
    if not cooperation.parties().filter(pk=organisation.pk).exists():
        raise ValidationError(
            _("%(organisation)s does not take part in the cooperation %(cooperation)s.")
            % {"organisation": organisation.name_fi, "cooperation": cooperation.code}
        )
    user = (
        get_user_model()
        .objects.filter(Q(email__iexact=email.strip()) | Q(username__iexact=email.strip()))
        .order_by("pk")
        .first()
    )
    if user is None:
        if not (first_name.strip() and last_name.strip()):
            raise ValidationError(
                _("No user has the e-mail address %(email)s: create one with create_user, or give --name.")
                % {"email": email}
            )
        user = services.invite(
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            role=role,
            organisation=organisation,
            cooperation=cooperation,
            actor=actor,
        )
        new_login = True
    else:
        new_login = False
        if not Person.objects.filter(user=user).exists() and user.first_name and user.last_name:
            # The login's person, so pickers and lists name them (organisations.selectors.people_of).
            person = Person.objects.filter(
                organisation=organisation, first_name=user.first_name, last_name=user.last_name, user=None
            ).first() or Person(
                organisation=organisation,
                first_name=user.first_name,
                last_name=user.last_name,
                email=user.email,
            )
            person.user = user
            save_validated(person, actor)
    grant = services.grant(
        user=user, role=role, organisation=organisation, cooperation=cooperation, actor=actor
    )
    return Invited(user, grant, new_login)
