"""The arguments grant_access and revoke_access share, and how they name what they change."""

from __future__ import annotations

from argparse import ArgumentParser
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management.base import CommandError

from organisations import business_id
from organisations.models import Cooperation, Grant, Organisation


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("username")
    parser.add_argument(
        "--organisation", required=True, help="the organisation's business ID, e.g. 0246246-0"
    )
    parser.add_argument("--role", required=True, choices=[r.value for r in Grant.Role])
    parser.add_argument("--cooperation", required=True, help="the cooperation (its code) the right is in")
    parser.add_argument("--by", help="the user name of who gives or withdraws it (for the history)")


@dataclass(frozen=True)
class Target:
    user: User
    role: str
    organisation: Organisation
    cooperation: Cooperation
    actor: User | None
    active: Grant | None


def _user(username: str) -> User:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"No user {username!r}")
    return user


def resolve(options: dict[str, Any]) -> Target:
    user = _user(options["username"])
    written = options["organisation"].strip()
    # As written (a value kept from a source may fail its check digit), or in its canonical form.
    forms = {written, business_id.normalise(written)} if business_id.is_valid(written) else {written}
    candidates = list(Organisation.objects.filter(business_id__in=forms).order_by("name_fi"))
    if not candidates:
        raise CommandError(f"No organisation has the business ID {written!r}")
    if len(candidates) > 1:
        names = ", ".join(o.name_fi for o in candidates)
        raise CommandError(f"Several organisations have the business ID {written!r}: {names}")
    cooperation = Cooperation.objects.filter(code=options["cooperation"]).first()
    if cooperation is None:
        raise CommandError(f"No cooperation {options['cooperation']!r}")
    actor = _user(options["by"]) if options.get("by") else None
    active = (
        Grant.objects.active()
        .filter(user=user, role=options["role"], organisation=candidates[0], cooperation=cooperation)
        .first()
    )
    return Target(user, options["role"], candidates[0], cooperation, actor, active)


def describe(grant: Grant) -> str:
    where = f"in {grant.cooperation.code}"
    organisation = f"{grant.organisation.name_fi} ({grant.organisation.business_id})"
    return f"{grant.user.get_username()}: {grant.role} for {organisation}, {where}"
