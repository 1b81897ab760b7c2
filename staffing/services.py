"""Writes of the objectives-and-staffing app. Each validates in full and saves in one transaction."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from core.writes import Actor
from governance.models import SteeringGroup
from organisations.models import Organisation
from staffing import imports
from staffing.models import StaffingReview

IMPORT_KINDS = ("staff", "clients")


@transaction.atomic
def import_figures(
    *,
    group: SteeringGroup,
    year: int,
    organisation: Organisation,
    kind: str,
    upload: UploadedFile | None,
    actor: Actor,
) -> int:
    """Replace ORGANISATION's staff or client figures for YEAR with the file's; the rows saved.

    The year's review is created here, in the same transaction, so a refused file leaves no empty
    review behind. Only a party of the group's area reports figures (agreement § 6)."""
    if kind not in IMPORT_KINDS or upload is None:
        raise imports.ImportRefused([imports.RowError(1, _("Choose what you import and the file."))])
    if not group.cooperation.parties().filter(pk=organisation.pk).exists():
        raise imports.ImportRefused(
            [
                imports.RowError(
                    1,
                    _("%(organisation)s is not a party of this cooperation.")
                    % {"organisation": organisation},
                )
            ]
        )
    review, _created = StaffingReview.objects.get_or_create(group=group, year=year)
    return imports.replace_figures(
        review=review, organisation=organisation, kind=kind, upload=upload, actor=actor
    )
