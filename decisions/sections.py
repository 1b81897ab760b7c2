"""The bodies, meetings and decisions section on the area page (core/sections.py)."""

from core.sections import Section, contributes
from organisations.access import is_secretary_of


@contributes("area", order=30)
def area_bodies(request, area) -> Section:
    return Section(
        "decisions/_area_section.html",
        {
            "bodies": area.bodies.prefetch_related("meetings").order_by("name_fi"),
            "can_record": is_secretary_of(request.user, area.cooperation_id),
        },
    )
