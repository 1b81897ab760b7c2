"""The agreement's section on the cooperation page (core/sections.py)."""

from core.sections import Section, contributes
from organisations.access import is_secretary_of


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
