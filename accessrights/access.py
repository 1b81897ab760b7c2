"""Who may see and change the access-rights register: a party's own editors handle and see their own
staff's rights (agreement § 10); the cooperation's board secretary sees every party's. Nobody else:
the register is personal data of the parties' staff."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accessrights.models import AccessRight
from organisations.access import get_cooperation_for_user, is_secretary_of, organisations_acted_for
from organisations.models import Cooperation, Organisation


def own_parties(user, cooperation: Cooperation) -> QuerySet[Organisation]:
    """The parties of COOPERATION whose staff's rights USER handles."""
    return organisations_acted_for(user, cooperation).filter(pk__in=cooperation.parties().values("pk"))


def get_register_for_user(
    user, code: str
) -> tuple[Cooperation, QuerySet[AccessRight], QuerySet[Organisation]]:
    cooperation = get_cooperation_for_user(user, code)
    parties = own_parties(user, cooperation)
    rights = AccessRight.objects.filter(cooperation=cooperation)
    if is_secretary_of(user, cooperation):
        return cooperation, rights, parties
    own = organisations_acted_for(user, cooperation)
    if not parties.exists() and not rights.filter(organisation__in=own).exists():
        raise Http404  # the register is not within the user's reach
    return cooperation, rights.filter(organisation__in=own), parties


def get_right_to_change(user, pk: int) -> AccessRight:
    right = get_object_or_404(
        AccessRight.objects.select_related("cooperation", "person", "organisation"), pk=pk
    )
    _cooperation, visible, _parties = get_register_for_user(user, right.cooperation.code)
    if not visible.filter(pk=pk).exists():
        raise Http404
    if not organisations_acted_for(user, right.cooperation_id).filter(pk=right.organisation_id).exists():
        raise PermissionDenied  # the secretary sees every party's rights; each party handles its own
    return right
