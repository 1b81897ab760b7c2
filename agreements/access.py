"""Who may see and change an agreement: those who may see its cooperation see it; a party's editor
records only their own party's signatures, notices and negotiation requests; the secretary
everything."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from agreements.models import Agreement, AgreementParty, Signature
from core.queries import prefetched
from organisations.access import can_act_for, can_view_cooperation


def get_agreement_for_user(user, pk: int, queryset: QuerySet[Agreement] | None = None) -> Agreement:
    """Agreement PK if USER may see it; QUERYSET, when given, loads it with what the page reads."""
    agreement = get_object_or_404(
        Agreement.objects.select_related("cooperation") if queryset is None else queryset, pk=pk
    )
    if not can_view_cooperation(user, agreement.cooperation_id):
        raise Http404  # outside the user's reach: not even its existence is told
    return agreement


def parties_acted_for(user, agreement: Agreement) -> list[AgreementParty]:
    parties = (
        agreement.parties.all()  # selectors.load()
        if prefetched(agreement, "parties")
        else agreement.parties.select_related("organisation")
    )
    return [p for p in parties if can_act_for(user, p.organisation)]


def get_signature_for_user(user, pk: int) -> Signature:
    signature = get_object_or_404(
        Signature.objects.select_related("version__agreement", "signatory__party__organisation"), pk=pk
    )
    if not can_view_cooperation(user, signature.version.agreement.cooperation_id):
        raise Http404
    return signature
