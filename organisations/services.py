"""Writes to the shared data. Each one validates in full and saves in one transaction, naming who
did it in the change history."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from auditlog import audit
from core.writes import Actor, save_validated, update_fields
from organisations import access
from organisations.models import Cooperation, EmploymentArea, Grant, Organisation, Participation, Person
from organisations.selectors import people_of

# What an organisation's own editor may change: its names, business ID and address; never its kind
# (which decides its rights in the cooperation) or the provenance of its record.
EDITABLE_FIELDS = ("name_fi", "name_sv", "business_id", "address")


@transaction.atomic
def update_organisation(
    *,
    organisation: Organisation,
    actor: Actor,
    name_fi: str,
    name_sv: str,
    business_id: str,
    address: str,
    reason: str = "",
) -> list[str]:
    """Save what changed of the editable fields; the names that changed (nothing saved if none)."""
    data = {"name_fi": name_fi, "name_sv": name_sv, "business_id": business_id, "address": address}
    return update_fields(organisation, actor=actor, allowed=EDITABLE_FIELDS, data=data, reason=reason)


@transaction.atomic
def grant(
    *,
    user: User,
    role: str,
    organisation: Organisation,
    cooperation: Cooperation,
    actor: Actor = None,
) -> Grant:
    """Give USER the ROLE for ORGANISATION in COOPERATION; the grant in force if the user already has
    it. Kept in history with the actor. Refused for an organisation that does not take part in the
    cooperation (#26): a right is always one cooperation's."""
    if not Organisation.objects.participating_in(cooperation).filter(pk=organisation.pk).exists():
        raise ValidationError(
            {
                "organisation": _("%(organisation)s does not take part in %(cooperation)s.")
                % {"organisation": organisation, "cooperation": cooperation}
            }
        )
    existing = (
        Grant.objects.select_for_update()
        .filter(user=user, role=role, organisation=organisation, cooperation=cooperation, withdrawn_at=None)
        .first()
    )
    if existing is not None:
        return existing
    granted_by = actor if isinstance(actor, User) else None
    row = save_validated(
        Grant(
            user=user, role=role, organisation=organisation, cooperation=cooperation, granted_by=granted_by
        ),
        actor,
    )
    audit.record("grant", f"{user.get_username()}: {row}", user=actor, right=access.describe_right(actor))
    return row


@transaction.atomic
def withdraw(*, grant: Grant, actor: Actor) -> Grant:
    """End GRANT now; the row stays, with who withdrew it and when (and its history)."""
    row = Grant.objects.select_for_update().get(pk=grant.pk)
    if row.withdrawn_at is None:
        row.withdrawn_at = timezone.now()
        row.withdrawn_by = actor if isinstance(actor, User) else None
        save_validated(row, actor, "withdrawn")
        audit.record(
            "withdraw", f"{row.user.get_username()}: {row}", user=actor, right=access.describe_right(actor)
        )
    access.forget_rights(grant.user)
    return row


@transaction.atomic
def end_participation(*, participation: Participation, left_on: datetime.date, actor: Actor) -> Participation:
    """ORGANISATION leaves the cooperation: its people's rights there end with it."""
    participation.left_on = left_on
    return save_validated(participation, actor)


@transaction.atomic
def invite(
    *,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    organisation: Organisation,
    cooperation: Cooperation,
    actor: Actor,
    person: Person | None = None,
) -> User:
    """A new login for EMAIL with ROLE, linked to PERSON (or to a new person of ORGANISATION). No password
    is set: the invitation's link (Django's password-reset flow) lets the user choose one."""
    email = get_user_model().objects.normalize_email(email).strip()
    if get_user_model().objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
        raise ValidationError({"email": _("A user with this e-mail address already exists.")})
    user = get_user_model()(username=email, email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    save_validated(user, actor)
    if person is None:  # the same name among the cooperation's own people only (#26)
        person = (
            people_of(cooperation)
            .filter(organisation=organisation, first_name=first_name, last_name=last_name)
            .first()
        )
    if person is None:
        person = Person(organisation=organisation, first_name=first_name, last_name=last_name, email=email)
    elif person.user_id is not None:
        raise ValidationError({"person": _("This person already has a login.")})
    person.user = user
    if not person.email:
        person.email = email
    save_validated(person, actor)
    grant(user=user, role=role, organisation=organisation, cooperation=cooperation, actor=actor)
    return user


def _invitation_link(user: User) -> str:
    """The one-time address where USER sets their password (valid for PASSWORD_RESET_TIMEOUT)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return settings.SITE_ROOT.rstrip("/") + path


def send_invitation(user: User, language: str) -> None:
    with translation.override(language):
        context = {"user": user, "link": _invitation_link(user), "site_root": settings.SITE_ROOT.rstrip("/")}
        subject = render_to_string("organisations/invitation_subject.txt", context).strip()
        body = render_to_string("organisations/invitation_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


@transaction.atomic
def deactivate(*, user: User, actor: Actor) -> User:
    """USER can no longer log in; their rights end with it (grants count only for active users)."""
    user.is_active = False
    return save_validated(user, actor, "deactivated")


@transaction.atomic
def link_person(*, user: User, person: Person, actor: Actor) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.user_id not in (None, user.pk):
        raise ValidationError({"person": _("This person already has a login.")})
    # Saved one by one, not with .update(): the person the login leaves keeps it in their history.
    for other in Person.objects.select_for_update().filter(user=user).exclude(pk=person.pk):
        update_fields(other, actor=actor, allowed=("user",), data={"user": None})
    update_fields(person, actor=actor, allowed=("user",), data={"user": user})
    return person


def make_editor(user: User, organisation: Organisation, cooperation: Cooperation) -> Grant:
    """USER may record matters for ORGANISATION in COOPERATION (a grant naming no grantor: for scripts
    and tests)."""
    return grant(user=user, role=Grant.Role.EDITOR, organisation=organisation, cooperation=cooperation)


def grant_area_view(user: User, area: EmploymentArea) -> Grant:
    """USER may see AREA's cooperation, as a viewer for the user's own organisation when it takes part
    in the cooperation, else for the area's employment authority."""
    person = getattr(user, "person", None)
    organisation = area.employment_authority
    if (
        person is not None
        and area.cooperation is not None
        and Organisation.objects.participating_in(area.cooperation).filter(pk=person.organisation_id).exists()
    ):
        organisation = person.organisation
    if organisation is None or area.cooperation is None:
        raise ValueError(f"{area} has no cooperation or employment authority to view through")
    return grant(user=user, role=Grant.Role.VIEWER, organisation=organisation, cooperation=area.cooperation)
