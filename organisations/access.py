"""Who may see and change what. Rights are derived on every request from the grants still in force
(organisations.models.Grant) and each organisation's current participation, so withdrawing a grant or
ending a participation takes effect on the next request everywhere: pages, PDFs, exports, the calendar.

Every right is held in one cooperation (#26), so a right in one cooperation is never a right in
another, even for an organisation (Kela, a county) that takes part in both. Roles:
- national administrator: the ADMINISTRATORS group, which holds every model permission of the domain
  apps (so every object of every cooperation), or a superuser; may use the admin site;
- secretary of a cooperation (Grant.Role.SECRETARY): sees the cooperation, records its meetings,
  decisions and costs, and manages its people and rights;
- editor for an organisation in a cooperation (Grant.Role.EDITOR): records matters for the
  organisation in that cooperation, and sees it, while the organisation takes part;
- viewer of a cooperation (Grant.Role.VIEWER, e.g. a steering-group member): sees it while the
  organisation named in the grant takes part.
Everything else is refused, with a 404 for an object the user may not see. Views use the helpers
here and in each app's access.py, never their own checks.
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
from django.db import transaction
from django.db.models import Exists, FilteredRelation, OuterRef, Q, QuerySet
from django.http import Http404

from organisations.models import Cooperation, EmploymentArea, Grant, Organisation, Participation, Person
from organisations.selectors import people_in

# The national administrators' group (formerly the board secretaries' group, whence its name).
ADMINISTRATORS = SECRETARIES = "board-secretaries"
EVERY_COOPERATION = "organisations.view_cooperation"

User = AuthUser | AnonymousUser


def ensure_secretary_group() -> Group:
    """The administrators' group with every permission of the domain apps (idempotent)."""
    group, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    # Only the missing ones: one query when the group has them all, as it has after every migrate
    # (adding all ~400 again made as many objects and compared them, on every make_secretary, #32).
    missing = Permission.objects.filter(content_type__app_label__in=settings.DOMAIN_APPS).exclude(group=group)
    if missing_ids := list(missing.values_list("pk", flat=True)):
        group.permissions.add(*missing_ids)
    return group


def _sync_secretary_group(sender, **kwargs) -> None:
    # post_migrate handler: new models bring new permissions; the group gets them too. post_migrate is
    # sent for every app in turn, each after its own permissions are made: the group is brought up to
    # date once, after the last domain app's (every flush of the tests sends it, #32).
    if apps.is_installed("organisations") and sender.label == _last_domain_app():
        ensure_secretary_group()


def _last_domain_app() -> str:
    return [config.label for config in apps.get_app_configs() if config.label in settings.DOMAIN_APPS][-1]


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
    # (cooperation, organisation): the organisations the user records matters for, each in one cooperation
    acting_for: frozenset[tuple[int, int]] = frozenset()
    cooperations: frozenset[int] | None = frozenset()  # visible cooperations; None: every one
    secretary_of: frozenset[int] = field(default_factory=frozenset)

    def sees(self, cooperation_id: int | None) -> bool:
        if cooperation_id is None:
            return self.administrator
        return self.cooperations is None or cooperation_id in self.cooperations

    def acts_for(self, organisation_id: int, cooperation_id: int | None) -> bool:
        return self.administrator or (cooperation_id, organisation_id) in self.acting_for

    def organisations_in(self, cooperation_id: int) -> frozenset[int]:
        """The organisations the user acts for in COOPERATION_ID (not for an administrator: all)."""
        return frozenset(o for c, o in self.acting_for if c == cooperation_id)


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
    cooperation_id: int


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
    secretary_of = frozenset(g.cooperation_id for g in grants if g.role == Grant.Role.SECRETARY)
    others = [g for g in grants if g.role != Grant.Role.SECRETARY]
    taking_part: set[tuple[int, int]] = set()
    if others:
        taking_part = set(
            Participation.objects.current()
            .filter(cooperation__in={g.cooperation_id for g in others})
            .values_list("cooperation_id", "organisation_id")
        )
    # A right counts while its organisation takes part in the cooperation; Kela always does
    # (Act 381/2023 § 3), but only in the cooperation the grant names.
    in_force = [
        g
        for g in others
        if g.organisation_kind == Organisation.Kind.KELA
        or (g.cooperation_id, g.organisation_id) in taking_part
    ]
    acting_for = frozenset(
        (g.cooperation_id, g.organisation_id) for g in in_force if g.role == Grant.Role.EDITOR
    )
    visible = frozenset(secretary_of | {g.cooperation_id for g in in_force})
    return Rights(False, acting_for, visible, secretary_of)


def secretaries():
    """The active national administrators."""
    return get_user_model().objects.filter(is_active=True, groups__name=ADMINISTRATORS).distinct()


def users_acting_for(organisation: Organisation, cooperation: Cooperation | int) -> list[AbstractUser]:
    """The active users who may record matters for ORGANISATION in COOPERATION (its editors there),
    none if the organisation no longer takes part."""
    cooperation_id = _id(cooperation)
    if (
        cooperation_id is None
        or not Organisation.objects.participating_in(cooperation_id).filter(pk=organisation.pk).exists()
    ):
        return []
    users = get_user_model().objects.filter(
        is_active=True,
        grants__role=Grant.Role.EDITOR,
        grants__organisation=organisation,
        grants__cooperation_id=cooperation_id,
        grants__withdrawn_at__isnull=True,
    )
    return list(cast(Iterable[AbstractUser], users.distinct()))


def _id(cooperation: Cooperation | int | None) -> int | None:
    return cooperation.pk if isinstance(cooperation, Cooperation) else cooperation


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


def organisations_acted_for(user: User, cooperation: Cooperation | int) -> QuerySet[Organisation]:
    """The organisations USER records matters for in COOPERATION (an administrator: any; callers
    narrow it to the cooperation's parties or, for nominations, its municipalities)."""
    rights = rights_of(user)
    cooperation_id = _id(cooperation)
    if rights.administrator:
        return Organisation.objects.all()
    if cooperation_id is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk__in=rights.organisations_in(cooperation_id))


def organisations_acted_for_anywhere(user: User) -> QuerySet[Organisation]:
    """The organisations USER records matters for in some cooperation (the front page lists them)."""
    return Organisation.objects.filter(pk__in={o for _c, o in rights_of(user).acting_for})


def can_act_for(user: User, organisation: Organisation | int, cooperation: Cooperation | int | None) -> bool:
    """Whether USER may record matters for ORGANISATION in COOPERATION."""
    organisation_id = organisation.pk if isinstance(organisation, Organisation) else organisation
    return rights_of(user).acts_for(organisation_id, _id(cooperation))


def acts_for_anywhere(user: User, organisation: Organisation) -> bool:
    """Whether USER acts for ORGANISATION in some cooperation."""
    rights = rights_of(user)
    return rights.administrator or any(o == organisation.pk for _c, o in rights.acting_for)


def may_change_organisation(user: User, organisation: Organisation) -> bool:
    """Whether USER may change ORGANISATION's own details (names, business ID, address), which every
    cooperation it takes part in prints: an administrator, or an editor acting for it in each of
    those cooperations. Kela's, and a county's shared by two cooperations, are not one cooperation's
    editor's to change (#26)."""
    rights = rights_of(user)
    if rights.administrator:
        return True
    if organisation.kind == Organisation.Kind.KELA:
        return False
    own = {c for c, o in rights.acting_for if o == organisation.pk}
    if not own:
        return False
    taking_part = set(
        Participation.objects.current()
        .filter(organisation=organisation)
        .values_list("cooperation_id", flat=True)
    )
    return taking_part <= own


def people_visible_to(user: User, organisation: Organisation) -> QuerySet[Person]:
    """ORGANISATION's people that USER may read: those of the cooperations USER sees (an
    administrator: all), as the pickers read them (organisations.selectors.people_in)."""
    seen = rights_of(user).cooperations
    people = organisation.people.all()
    return people if seen is None else people.filter(pk__in=people_in(seen).values("pk"))


def can_view_cooperation(user: User, cooperation: Cooperation | int | None) -> bool:
    return rights_of(user).sees(_id(cooperation))


def can_view_area(user: User, area: EmploymentArea) -> bool:
    return rights_of(user).sees(area.cooperation_id)


def is_secretary_of(user: User, cooperation: Cooperation | int | None) -> bool:
    """A national administrator, or the board secretary named for COOPERATION."""
    cooperation_id = _id(cooperation)
    rights = rights_of(user)
    return rights.administrator or (cooperation_id is not None and cooperation_id in rights.secretary_of)


def get_area_for_user(user: User, code: str) -> EmploymentArea:
    """The area with CODE if USER may see it; 404 when it does not exist or is not theirs."""
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
    """The organisation if USER may see it: it takes part in a cooperation they see (or they act for
    it). With TO_CHANGE, only if they may change it (may_change_organisation). Otherwise 404, as for
    one that does not exist."""
    try:
        organisation = Organisation.objects.get(pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None
    if to_change:
        if may_change_organisation(user, organisation):
            return organisation
        raise Http404
    if acts_for_anywhere(user, organisation):
        return organisation
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
    raise Http404


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
        parts.append(
            "editor for organisation "
            + ",".join(f"{o} in cooperation {c}" for c, o in sorted(rights.acting_for))
        )
    if rights.cooperations:
        parts.append("viewer of cooperation " + ",".join(map(str, sorted(rights.cooperations))))
    return "; ".join(parts) or "no rights"
