"""The agreement's section on the cooperation page and its rows on the front page (core/sections.py)."""

from functools import partial

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements.models import Signature
from core.sections import Change, Section, adds_rows, contributes
from organisations.access import is_secretary_of, rights_of


@contributes("cooperation", order=20)
def cooperation_agreements(request, cooperation) -> Section:
    agreements = cooperation.agreements.order_by("-pk")
    return Section(
        "agreements/_cooperation_section.html",
        {
            "agreements": agreements,
            "can_draft": is_secretary_of(request.user, cooperation.pk),
            "cooperation": cooperation,
        },
    )


@adds_rows("dashboard-changes")
def signature_changes(request, since) -> list[Change]:
    """Signatures recorded since the reader's last visit, in the cooperations they see."""
    rights = rights_of(request.user)
    added = Signature.history.filter(history_date__gt=since, history_type="+").select_related(
        "signatory__party__organisation", "version__agreement"
    )
    if rights.cooperations is not None:
        added = added.filter(version__agreement__cooperation__in=rights.cooperations)
    return [
        Change(
            at=row.history_date,
            text=_("%(signatory)s (%(party)s) signed %(agreement)s, version %(version)s")
            % {
                "signatory": row.signatory.name_as_written,
                "party": row.signatory.party.organisation,
                "agreement": row.version.agreement.title,
                "version": row.version.number,
            },
            link=reverse("agreement-detail", args=[row.version.agreement_id]),
            alike=f"signed:{row.version_id}",
            summary=partial(_signatures_summary, row.version),
        )
        for row in added.order_by("-history_date")[:30]
    ]


def _signatures_summary(version, count: int) -> str:
    """The front page's line for COUNT signatures of one version (#29 item 3)."""
    return ngettext(
        "%(count)d signature recorded on %(agreement)s, version %(version)s",
        "%(count)d signatures recorded on %(agreement)s, version %(version)s",
        count,
    ) % {"count": count, "agreement": version.agreement.title, "version": version.number}
