"""Who may see and change an agreement: those who may see its area see it; a party's editor records
only their own party's signatures, notices and negotiation requests; the secretary everything."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from agreements.models import Agreement, Signature
from organisations.access import can_act_for, can_view_area


def get_agreement_for_user(user, pk: int) -> Agreement:
    agreement = get_object_or_404(Agreement.objects.select_related("area"), pk=pk)
    if not can_view_area(user, agreement.area):
        raise PermissionDenied
    return agreement


def parties_acted_for(user, agreement: Agreement):
    return [p for p in agreement.parties.select_related("organisation") if can_act_for(user, p.organisation)]


def get_signature_for_user(user, pk: int) -> Signature:
    signature = get_object_or_404(
        Signature.objects.select_related("version__agreement__area", "signatory__party__organisation"), pk=pk
    )
    if not can_view_area(user, signature.version.agreement.area):
        raise PermissionDenied
    return signature
