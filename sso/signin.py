"""Who an organisation's provider may sign in (#30). The provider says who the person is; the product
alone says what they may do: a sign-in never creates a right, changes a grant or takes one from a claim.

- The person is found by their verified e-mail address (the ID token's `email` with `email_verified`,
  or the provider's email_verified_claim, true) among the active logins; several logins with the
  address are refused, never one picked.
- No login is made here. The product's invitation makes the login (organisations.services.invite), so
  an open invitation is a login that has not chosen a password yet: the provider may sign it in, and
  that accepts the invitation. Without a login or an invitation the sign-in is refused.
- The login must belong to an organisation the provider may sign in: the organisation of its person
  (organisations.Person.user), or, for a login without a person, the organisations of its grants in
  force, every one of them. A provider vouches for its own organisation's staff and nobody else's.
- National administrators (is_staff, is_superuser: every cooperation and the admin site) are refused:
  no one organisation's provider vouches for them; they use the password and the product's second
  factor.
- A multi-factor assertion (`amr` with one of the provider's mfa_amr, or `acr` one of its mfa_acr)
  counts as the second factor; otherwise the product's own applies (organisations.second_factor)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from organisations import business_id
from organisations.models import Grant, Organisation, Person
from sso.models import ProviderDevice
from sso.providers import Provider

# Why a sign-in was refused: the page's explanation (translated), by the code kept in the use log.
REASONS = {
    "email_unverified": _(
        "Your organisation's sign-in service did not give a verified e-mail address, so your account "
        "cannot be found. Ask your organisation's IT support to release a verified e-mail address."
    ),
    "no_account": _(
        "No account and no open invitation has this e-mail address. Ask the secretary of your "
        "cooperation to invite you with the address your organisation uses."
    ),
    "ambiguous": _(
        "Several accounts have this e-mail address, so none of them can be chosen. Ask the service's "
        "administrator to keep the address on one account."
    ),
    "inactive": _("The account with this e-mail address has been closed."),
    "organisation": _(
        "This sign-in service may not sign in people of your organisation. Use the sign-in service of "
        "your own organisation, or your password."
    ),
    "administrator": _(
        "An administrator of the whole service signs in with the password and the service's own "
        "second factor, not through an organisation's sign-in service."
    ),
    "wrong_issuer": _(
        "The answer did not come from the sign-in service this button is for (wrong issuer). You were "
        "not signed in."
    ),
    "bad_token": _(
        "The sign-in service's answer could not be verified (its signature, audience, expiry or "
        "one-time value was wrong). You were not signed in."
    ),
    "state": _(
        "The sign-in had expired or was started in another browser window. Start it again from the "
        "login page."
    ),
    "provider_error": _("The sign-in was cancelled or refused at your organisation's sign-in service."),
    "unreachable": _("Your organisation's sign-in service could not be reached. Try again in a moment."),
    "locked": _("Too many failed sign-ins from this address. Try again later."),
}


class Refused(Exception):
    """A sign-in refused for REASON (a key of REASONS); USERNAME is what django-axes counts it under."""

    def __init__(self, reason: str, username: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.username = username


@dataclass(frozen=True)
class SignIn:
    user: User
    multi_factor: bool


def verified_email(claims: Mapping[str, Any], vouching: str = "email_verified") -> str:
    """The address of CLAIMS when the claim VOUCHING (the provider's email_verified_claim) is true."""
    email = claims.get("email")
    verified = claims.get(vouching)
    # True itself (or the text "true" some providers send), never 1 or another truthy value.
    if not isinstance(email, str) or "@" not in email or not (verified is True or verified == "true"):
        raise Refused("email_unverified")
    return get_user_model().objects.normalize_email(email.strip())


def asserts_mfa(provider: Provider, claims: Mapping[str, Any]) -> bool:
    amr = claims.get("amr")
    methods = {amr} if isinstance(amr, str) else set(amr) if isinstance(amr, list) else set()
    acr = claims.get("acr")
    return bool(methods & set(provider.mfa_amr)) or (isinstance(acr, str) and acr in provider.mfa_acr)


def organisations_of(user: User) -> list[Organisation]:
    """The organisations the login belongs to: its person's, else those of its grants in force."""
    person = Person.objects.filter(user=user).select_related("organisation").first()
    if person is not None:
        return [person.organisation]
    grants = Grant.objects.active().filter(user=user).select_related("organisation")
    return list({g.organisation.pk: g.organisation for g in grants}.values())


def _allowed(provider: Provider, organisation: Organisation) -> bool:
    written = organisation.business_id.strip()
    return business_id.is_valid(written) and business_id.normalise(written) in provider.organisations


def match(*, provider: Provider, claims: Mapping[str, Any]) -> SignIn:
    """The login PROVIDER may sign in with CLAIMS (a verified ID token), or Refused."""
    email = verified_email(claims, provider.email_verified_claim)
    users = list(
        get_user_model().objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).order_by("pk")
    )
    active = [u for u in users if u.is_active]
    if not users:
        raise Refused("no_account", email)
    if not active:
        raise Refused("inactive", users[0].get_username())
    if len(active) > 1:
        raise Refused("ambiguous", email)
    user = active[0]
    if user.is_staff or user.is_superuser:
        raise Refused("administrator", user.get_username())
    organisations = organisations_of(user)
    if not organisations or not all(_allowed(provider, o) for o in organisations):
        raise Refused("organisation", user.get_username())
    return SignIn(user, asserts_mfa(provider, claims))


def provider_device(*, user: User, provider: Provider) -> Device:
    """The user's device standing for PROVIDER's multi-factor assertion (made on first use)."""
    device, _created = ProviderDevice.objects.get_or_create(
        user=user, provider=provider.key, defaults={"name": provider.name("fi"), "confirmed": True}
    )
    return device
