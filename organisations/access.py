"""Who may see and change what, per object (django-guardian).

Roles:
- board secretary: member of the SECRETARIES group, which holds every model permission of our
  apps (global, so every object) and may use the admin site;
- organisation editor: object permission act_for_organisation on their own organisation, and
  view_employmentarea on each area the organisation takes part in;
- viewer (e.g. a steering-group member): view_employmentarea on the areas they belong to.
Everything else is refused. Views use the helpers here, never their own checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, AnonymousUser, Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from guardian.shortcuts import assign_perm, get_objects_for_user, get_users_with_perms

from organisations.models import EmploymentArea, Organisation

SECRETARIES = "board-secretaries"

VIEW_AREA = "organisations.view_employmentarea"
ACT_FOR = "organisations.act_for_organisation"

User = AbstractUser | AnonymousUser


def ensure_secretary_group() -> Group:
    """The secretaries' group with every permission of the domain apps (idempotent)."""
    group, _ = Group.objects.get_or_create(name=SECRETARIES)
    perms = Permission.objects.filter(content_type__app_label__in=settings.DOMAIN_APPS)
    group.permissions.add(*perms)
    return group


def _sync_secretary_group(sender, **kwargs) -> None:
    # post_migrate handler: new models bring new permissions; the group gets them too.
    if apps.is_installed("organisations") and sender.label in settings.DOMAIN_APPS:
        ensure_secretary_group()


@transaction.atomic
def make_secretary(user) -> None:
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(ensure_secretary_group())


@transaction.atomic
def make_editor(user, organisation: Organisation) -> None:
    """USER may record matters for ORGANISATION and see the areas it takes part in."""
    assign_perm(ACT_FOR, user, organisation)
    for area in EmploymentArea.objects.filter(organisations=organisation):
        assign_perm(VIEW_AREA, user, area)
    if organisation.kind == Organisation.Kind.KELA:
        for area in EmploymentArea.objects.all():
            assign_perm(VIEW_AREA, user, area)


def grant_area_view(user, area: EmploymentArea) -> None:
    assign_perm(VIEW_AREA, user, area)


def secretaries():
    """The active board secretaries."""
    return get_user_model().objects.filter(is_active=True, groups__name=SECRETARIES).distinct()


def users_acting_for(organisation: Organisation) -> list[AbstractUser]:
    """The active users who may record matters for ORGANISATION (its editors)."""
    # Without attach_perms, guardian returns a queryset of users (its annotation also allows a dict).
    users = cast(
        Iterable[AbstractUser],
        get_users_with_perms(
            organisation, only_with_perms_in=["act_for_organisation"], with_superusers=False
        ),
    )
    return [u for u in users if u.is_active]


def areas_visible_to(user: User):
    if not user.is_authenticated:
        return EmploymentArea.objects.none()
    return get_objects_for_user(user, VIEW_AREA, EmploymentArea.objects.all(), accept_global_perms=True)


def organisations_acted_for(user: User):
    if not user.is_authenticated:
        return Organisation.objects.none()
    return get_objects_for_user(user, ACT_FOR, Organisation.objects.all(), accept_global_perms=True)


def can_act_for(user: User, organisation: Organisation) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and (user.has_perm(ACT_FOR) or user.has_perm(ACT_FOR, organisation))
    )


def can_view_area(user: User, area: EmploymentArea) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and (user.has_perm(VIEW_AREA) or user.has_perm(VIEW_AREA, area))
    )


def get_area_for_user(user: User, code: str) -> EmploymentArea:
    """The area with CODE if USER may see it; 404 when it does not exist, 403 when it is not theirs."""
    try:
        area = EmploymentArea.objects.select_related("lead_municipality").get(code=code)
    except EmploymentArea.DoesNotExist:
        raise Http404 from None
    if not can_view_area(user, area):
        raise PermissionDenied
    return area


def get_organisation_for_user(user: User, pk: int, *, to_change: bool = False) -> Organisation:
    """The organisation if USER may see it (or change it, with TO_CHANGE)."""
    try:
        organisation = Organisation.objects.get(pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None
    if can_act_for(user, organisation):
        return organisation
    if not to_change:
        visible = areas_visible_to(user)
        if organisation.kind == Organisation.Kind.KELA and visible.exists():
            return organisation
        if visible.filter(participations__organisation=organisation).exists():
            return organisation
    raise PermissionDenied
