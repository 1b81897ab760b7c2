"""What an access-right record must hold together (agreement § 10: each party handles its own staff's
rights). The database holds the order of the dates; this checks what needs other rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from core.validation import Errors

if TYPE_CHECKING:
    from accessrights.models import AccessRight


def check(right: AccessRight) -> None:
    errors = Errors()
    if right.person_id and right.organisation_id and right.person.organisation_id != right.organisation_id:
        errors.add("person", _("Each party records its own staff's access rights only."))
    # A party that has since left may still end its rights: only a new application needs participation.
    if (
        right.pk is None
        and right.organisation_id
        and right.cooperation_id
        and not right.cooperation.parties().filter(pk=right.organisation_id).exists()
    ):
        errors.add("organisation", _("The organisation does not take part in this cooperation."))
    if right.granted_on and right.granted_on < right.applied_on:
        errors.add("granted_on", _("Access is granted on or after the day it was applied for."))
    if right.updated_on and (not right.granted_on or right.updated_on < right.granted_on):
        errors.add("updated_on", _("Access is updated only once granted, and not before."))
    if right.ended_on and right.ended_on < right.applied_on:
        errors.add("ended_on", _("Access cannot end before it was applied for."))
    errors.raise_if_any()
