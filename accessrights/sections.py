"""The register's section on the cooperation page (core/sections.py): shown to whom it concerns."""

from accessrights.access import own_parties
from core.sections import Section, contributes
from organisations.access import is_secretary_of


@contributes("cooperation", order=30)
def cooperation_access_rights(request, cooperation) -> Section | None:
    if (
        not is_secretary_of(request.user, cooperation.pk)
        and not own_parties(request.user, cooperation).exists()
    ):
        return None
    return Section(
        "accessrights/_cooperation_section.html",
        {"cooperation": cooperation, "open": cooperation.access_rights.open().count()},
    )
