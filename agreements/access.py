"""Who may see and change an agreement: those who may see its cooperation see it; a party's editor
records only their own party's signatures, notices and negotiation requests; the secretary
everything."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from agreements.models import Agreement, AgreementParty, Signature
from core.queries import prefetched
from organisations.access import can_act_for, can_view_cooperation, cooperations_visible_to, is_secretary_of


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
    return [p for p in parties if can_act_for(user, p.organisation, agreement.cooperation_id)]


def get_signature_for_user(user, pk: int) -> Signature:
    signature = get_object_or_404(
        Signature.objects.select_related("version__agreement", "signatory__party__organisation"), pk=pk
    )
    if not can_view_cooperation(user, signature.version.agreement.cooperation_id):
        raise Http404
    return signature


def get_party_to_approve(user, pk: int) -> AgreementParty:
    """Party PK of an agreement, for recording its own approving decision: by an editor acting for the
    party in the agreement's cooperation, or by the cooperation's secretary. Anyone else: 404."""
    party = get_object_or_404(
        AgreementParty.objects.select_related("agreement__cooperation", "organisation", "approval"), pk=pk
    )
    cooperation_id = party.agreement.cooperation_id
    if not (is_secretary_of(user, cooperation_id) or can_act_for(user, party.organisation, cooperation_id)):
        raise Http404
    return party


def parties_to_approve(user, agreement: Agreement) -> list[AgreementParty]:
    """The parties whose approving decision USER may record on the agreement's page."""
    if is_secretary_of(user, agreement.cooperation_id):
        return list(agreement.parties.all())
    return parties_acted_for(user, agreement)


def get_agreement_to_map(user, pk: int) -> Agreement:
    """Agreement PK for its secretary to record which section holds each topic; anyone else: 404."""
    agreement = get_agreement_for_user(user, pk)
    if not is_secretary_of(user, agreement.cooperation_id):
        raise Http404
    return agreement


def visible_agreements(user) -> QuerySet[Agreement]:
    """Every agreement of the cooperations USER sees (the search)."""
    return Agreement.objects.filter(cooperation__in=cooperations_visible_to(user))
