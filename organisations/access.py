"""Who may see and change what. Rights are derived on every request from the grants still in force
(organisations.models.Grant) and each organisation's current participation, so withdrawing a grant or
ending a participation takes effect on the next request everywhere: pages, PDFs, exports, the calendar.

Roles:
- national administrator: the ADMINISTRATORS group, which holds every model permission of the domain
  apps (so every object of every cooperation), or a superuser; may use the admin site;
- board secretary of a cooperation (Grant.Role.SECRETARY): sees the cooperation, records its
  meetings, decisions and costs, and manages its people and rights;
- editor for an organisation (Grant.Role.EDITOR): records matters for the organisation and sees every
  cooperation the organisation takes part in now (or only the one the grant names); Kela takes part
  in every cooperation by law, so Kela's editors see them all;
- viewer (Grant.Role.VIEWER, e.g. a steering-group member): sees the cooperations of an organisation,
  or the one the grant names.
Everything else is refused. Views use the helpers here, never their own checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, AnonymousUser, Group, Permission
from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, FilteredRelation, OuterRef, Q, QuerySet
from django.http import Http404

from organisations.models import Cooperation, EmploymentArea, Grant, Organisation, Participation

# The national administrators' group (formerly the board secretaries' group, whence its name).
ADMINISTRATORS = SECRETARIES = "board-secretaries"
EVERY_COOPERATION = "organisations.view_cooperation"

User = AuthUser | AnonymousUser


def ensure_secretary_group() -> Group:
    """The administrators' group with every permission of the domain apps (idempotent)."""
    group, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    perms = Permission.objects.filter(content_type__app_label__in=settings.DOMAIN_APPS)
    group.permissions.add(*perms)
    return group


def _sync_secretary_group(sender, **kwargs) -> None:
    # post_migrate handler: new models bring new permissions; the group gets them too.
    if apps.is_installed("organisations") and sender.label in settings.DOMAIN_APPS:
        ensure_secretary_group()


@transaction.atomic
def make_secretary(user) -> None:
    """USER becomes a national administrator: every cooperation, and the admin site."""
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(ensure_secretary_group())


@dataclass(frozen=True)
class Rights:
    """What one user may reach now, derived from their grants and current participations."""

    administrator: bool = False
    acting_for: frozenset[int] = frozenset()  # organisations the user records matters for
    cooperations: frozenset[int] | None = frozenset()  # visible cooperations; None: every one
    secretary_of: frozenset[int] = field(default_factory=frozenset)

    def sees(self, cooperation_id: int | None) -> bool:
        if cooperation_id is None:
            return self.administrator
        return self.cooperations is None or cooperation_id in self.cooperations


NO_RIGHTS = Rights()


def rights_of(user: User) -> Rights:
    """USER's rights now. Kept on the user object, which lives for one request: the next request
    reads them afresh, so a withdrawal or a participation's end counts from then on."""
    if not user.is_authenticated or not user.is_active:
        return NO_RIGHTS
    cached = user.__dict__.get("_tym_rights")
    if cached is None:
        cached = user.__dict__["_tym_rights"] = _derive_rights(user)
    return cast(Rights, cached)


def forget_rights(user: object) -> None:
    """Drop USER's kept rights (after a grant or withdrawal in the same request or script)."""
    vars(user).pop("_tym_rights", None)
    vars(user).pop("_tym_held", None)


@dataclass(frozen=True)
class _Held:
    """A grant in force, as rights are derived from it."""

    role: str
    organisation_id: int
    organisation_kind: str
    cooperation_id: int | None


def _held(user: AuthUser) -> tuple[bool, tuple[_Held, ...]]:
    """Whether USER may see every cooperation (EVERY_COOPERATION held directly or through a group), and
    their grants in force. Read on every page, so in one query, kept on the user for the request: the
    permission and the grants were two (#32 item 6), ModelBackend.has_perm() reads the permission in
    two more (#15)."""
    kept = user.__dict__.get("_tym_held")
    if kept is None:
        app_label, codename = EVERY_COOPERATION.split(".")
        every = Permission.objects.filter(
            Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk")),
            content_type__app_label=app_label,
            codename=codename,
        )
        rows = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .annotate(
                every=Exists(every),
                held=FilteredRelation("grants", condition=Q(grants__withdrawn_at__isnull=True)),
            )
            .values_list(
                "every",
                "held__role",
                "held__organisation_id",
                "held__organisation__kind",
                "held__cooperation_id",
            )
        )
        found = list(rows)
        grants = tuple(_Held(*row[1:]) for row in found if row[1] is not None)
        kept = user.__dict__["_tym_held"] = (bool(found and found[0][0]), grants)
    return cast(tuple[bool, tuple[_Held, ...]], kept)


def _derive_rights(user: AuthUser) -> Rights:
    every, grants = (True, ()) if user.is_superuser else _held(user)
    if every:
        return Rights(administrator=True, cooperations=None)
    acting_for = frozenset(g.organisation_id for g in grants if g.role == Grant.Role.EDITOR)
    secretary_of = frozenset(
        g.cooperation_id for g in grants if g.role == Grant.Role.SECRETARY and g.cooperation_id
    )
    everywhere = [g for g in grants if g.cooperation_id is None]
    # Kela takes part in every cooperation (Act 381/2023 § 3): its people see them all.
    if any(g.organisation_kind == Organisation.Kind.KELA for g in everywhere):
        return Rights(False, acting_for, None, secretary_of)
    visible: set[int] = set(secretary_of)
    if everywhere:
        visible |= set(
            Participation.objects.current()
            .filter(organisation__in=[g.organisation_id for g in everywhere])
            .values_list("cooperation_id", flat=True)
        )
    named = [g for g in grants if g.cooperation_id is not None and g.role != Grant.Role.SECRETARY]
    if named:
        current = set(
            Participation.objects.current()
            .filter(cooperation__in=[g.cooperation_id for g in named])
            .values_list("cooperation_id", "organisation_id")
        )
        for g in named:
            if (
                g.organisation_kind == Organisation.Kind.KELA
                or (g.cooperation_id, g.organisation_id) in current
            ):
                visible.add(cast(int, g.cooperation_id))
    return Rights(False, acting_for, frozenset(visible), secretary_of)


def secretaries():
    """The active national administrators."""
    return get_user_model().objects.filter(is_active=True, groups__name=ADMINISTRATORS).distinct()


def users_acting_for(organisation: Organisation) -> list[AbstractUser]:
    """The active users who may record matters for ORGANISATION (its editors)."""
    users = get_user_model().objects.filter(
        is_active=True,
        grants__role=Grant.Role.EDITOR,
        grants__organisation=organisation,
        grants__withdrawn_at__isnull=True,
    )
    return list(cast(Iterable[AbstractUser], users.distinct()))


def cooperations_visible_to(user: User) -> QuerySet[Cooperation]:
    rights = rights_of(user)
    if rights.cooperations is None:
        return Cooperation.objects.all()
    return Cooperation.objects.filter(pk__in=rights.cooperations)


def areas_visible_to(user: User) -> QuerySet[EmploymentArea]:
    rights = rights_of(user)
    if rights.cooperations is None:
        return EmploymentArea.objects.all()
    return EmploymentArea.objects.filter(cooperation__in=rights.cooperations)


def organisations_acted_for(user: User) -> QuerySet[Organisation]:
    rights = rights_of(user)
    if rights.administrator:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=rights.acting_for)


def can_act_for(user: User, organisation: Organisation) -> bool:
    rights = rights_of(user)
    return rights.administrator or organisation.pk in rights.acting_for


def can_view_cooperation(user: User, cooperation: Cooperation | int | None) -> bool:
    cooperation_id = cooperation.pk if isinstance(cooperation, Cooperation) else cooperation
    return rights_of(user).sees(cooperation_id)


def can_view_area(user: User, area: EmploymentArea) -> bool:
    return rights_of(user).sees(area.cooperation_id)


def is_secretary_of(user: User, cooperation: Cooperation | int | None) -> bool:
    """A national administrator, or the board secretary named for COOPERATION."""
    cooperation_id = cooperation.pk if isinstance(cooperation, Cooperation) else cooperation
    rights = rights_of(user)
    return rights.administrator or (cooperation_id is not None and cooperation_id in rights.secretary_of)


def get_area_for_user(user: User, code: str) -> EmploymentArea:
    """The area with CODE if USER may see it; 404 when it does not exist, 403 when it is not theirs."""
    try:
        area = EmploymentArea.objects.select_related(
            "lead_municipality", "cooperation", "employment_authority"
        ).get(code=code)
    except EmploymentArea.DoesNotExist:
        raise Http404 from None
    if not can_view_area(user, area):
        raise Http404  # outside the user's reach: not even its existence is told
    return area


def get_cooperation_for_user(user: User, code: str) -> Cooperation:
    try:
        cooperation = Cooperation.objects.get(code=code)
    except Cooperation.DoesNotExist:
        raise Http404 from None
    if not can_view_cooperation(user, cooperation):
        raise Http404
    return cooperation


def get_organisation_for_user(user: User, pk: int, *, to_change: bool = False) -> Organisation:
    """The organisation if USER may see it (or change it, with TO_CHANGE)."""
    try:
        organisation = Organisation.objects.get(pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None
    if can_act_for(user, organisation):
        return organisation
    if not to_change:
        rights = rights_of(user)
        if rights.cooperations is None:
            return organisation
        if rights.cooperations and (
            organisation.kind == Organisation.Kind.KELA
            or Participation.objects.current()
            .filter(organisation=organisation, cooperation__in=rights.cooperations)
            .exists()
        ):
            return organisation
    raise PermissionDenied


def secretaries_of(cooperation_id: int) -> list[AbstractUser]:
    """The active board secretaries named for one cooperation."""
    users = get_user_model().objects.filter(
        is_active=True,
        grants__role=Grant.Role.SECRETARY,
        grants__cooperation_id=cooperation_id,
        grants__withdrawn_at__isnull=True,
    )
    return list(cast(Iterable[AbstractUser], users.distinct()))


def manages_people(user: User) -> bool:
    """A national administrator or the board secretary of some cooperation: may manage people. Asked
    before every page (the second factor), so from the grants alone, without the participations that
    only the cooperations seen need."""
    if not user.is_authenticated or not user.is_active:
        return False
    kept = user.__dict__.get("_tym_rights")
    if kept is not None:
        return kept.administrator or bool(kept.secretary_of)
    if user.is_superuser:
        return True
    every, grants = _held(user)
    return every or any(g.role == Grant.Role.SECRETARY and g.cooperation_id for g in grants)


def describe_right(user: object) -> str:
    """On what right USER acts, for the use and disclosure log (settings.AUDIT_RIGHT_DESCRIBER)."""
    if not isinstance(user, get_user_model()) or not user.is_authenticated:
        return "system" if user is None else ""
    rights = rights_of(user)
    if rights.administrator:
        return "national administrator"
    parts = []
    if rights.secretary_of:
        parts.append("secretary of cooperation " + ",".join(map(str, sorted(rights.secretary_of))))
    if rights.acting_for:
        parts.append("editor for organisation " + ",".join(map(str, sorted(rights.acting_for))))
    if rights.cooperations:
        parts.append("viewer of cooperation " + ",".join(map(str, sorted(rights.cooperations))))
    return "; ".join(parts) or "no rights"
