"""What makes a signature valid on its own (checked before every save)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.validation import Errors

if TYPE_CHECKING:
    from agreements.models import Signature


def check_signature(signature: Signature) -> None:
    errors = Errors()
    add = errors.add

    if signature.signatory_id:
        signatory = signature.signatory
        if signatory.is_placeholder:
            add(
                "signatory",
                _("The signatory is not yet named (N.N.): name the person before recording a signature."),
            )
        if signature.version_id and signatory.party.agreement_id != signature.version.agreement_id:
            add("signatory", _("The signatory signs for a party of another agreement."))
    if signature.version_id and signature.signed_on:
        approved = signature.version.agreement.approval_date
        # The parties sign what their bodies approved: a signature cannot predate the approval.
        if approved and signature.signed_on < approved:
            add(
                "signed_on",
                _("A signature cannot be dated before the agreement was approved (%(day)s)."),
                day=approved.strftime("%d.%m.%Y"),
            )
        if signature.signed_on > timezone.localdate():
            add("signed_on", _("A signature cannot be dated in the future."))
    # A validated e-signature is dated by its own signing time (#30), in Finnish time.
    if signature.signed_at and signature.signed_on != timezone.localdate(signature.signed_at):
        add("signed_on", _("The signature is dated by its signing time."))
    errors.raise_if_any()
