"""The bodies, meetings and decisions section on the area page (core/sections.py)."""

from core.sections import Section, contributes


@contributes("area", order=30)
def area_bodies(request, area) -> Section:
    return Section(
        "decisions/_area_section.html",
        {"bodies": area.bodies.prefetch_related("meetings").order_by("name_fi")},
    )
