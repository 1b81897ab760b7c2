"""The archive's section on the cooperation page (core/sections.py)."""

from archive.access import documents_for
from core.sections import Section, contributes


@contributes("cooperation", order=40)
def cooperation_archive(request, cooperation) -> Section:
    return Section(
        "archive/_cooperation_section.html",
        {"cooperation": cooperation, "count": documents_for(request.user, cooperation).count()},
    )
