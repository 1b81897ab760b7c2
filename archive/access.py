"""Who may open and who may archive. Everyone who sees the cooperation opens what is shared with
everyone (the steering group's members included, agreement § 8); what is shared with the parties also
needs an editor's right for one of its parties; the secretaries of the cooperation (and the national
administrators) open everything and are the ones who archive (the employment authority keeps the
archive, agreement § 10)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from archive.models import ArchivedDocument
from organisations.access import get_cooperation_for_user, is_secretary_of, organisations_acted_for, rights_of
from organisations.models import Cooperation


def audiences_of(user, cooperation: Cooperation) -> list[str]:
    """The audiences whose documents USER may open in COOPERATION (which USER sees)."""
    if rights_of(user).administrator or is_secretary_of(user, cooperation.pk):
        return list(ArchivedDocument.Audience.values)
    if organisations_acted_for(user, cooperation).filter(pk__in=cooperation.parties().values("pk")).exists():
        return [ArchivedDocument.Audience.EVERYONE, ArchivedDocument.Audience.PARTIES]
    return [ArchivedDocument.Audience.EVERYONE]


def documents_for(user, cooperation: Cooperation) -> QuerySet[ArchivedDocument]:
    return ArchivedDocument.objects.filter(
        cooperation=cooperation, audience__in=audiences_of(user, cooperation)
    )


def may_archive(user, cooperation: Cooperation) -> bool:
    return rights_of(user).administrator or is_secretary_of(user, cooperation.pk)


def get_archive_for_user(user, code: str) -> Cooperation:
    return get_cooperation_for_user(user, code)  # 404 outside the user's reach


def get_document_for_user(user, pk: int, *, to_change: bool = False) -> ArchivedDocument:
    document = get_object_or_404(ArchivedDocument.objects.select_related("cooperation"), pk=pk)
    if not rights_of(user).sees(document.cooperation_id):
        raise Http404
    if document.audience not in audiences_of(user, document.cooperation):
        raise Http404  # not shared with this user: not even its existence is told
    if to_change and not may_archive(user, document.cooperation):
        raise PermissionDenied
    return document


def visible_documents(user) -> QuerySet[ArchivedDocument]:
    """Every archived document USER may open, in every cooperation, in one query (the search)."""
    rights = rights_of(user)
    if rights.administrator:
        return ArchivedDocument.objects.all()
    if not rights.cooperations and rights.cooperations is not None:
        return ArchivedDocument.objects.none()
    seen = Q() if rights.cooperations is None else Q(cooperation__in=rights.cooperations)
    party_of = {cooperation_id for cooperation_id, _organisation in rights.acting_for}
    return ArchivedDocument.objects.filter(seen).filter(
        Q(audience=ArchivedDocument.Audience.EVERYONE)
        | Q(audience=ArchivedDocument.Audience.PARTIES, cooperation__in=party_of)
        | Q(cooperation__in=rights.secretary_of)
    )
