"""The steering group's section on the area page (core/sections.py)."""

from core.sections import Section, contributes


@contributes("area", order=10)
def area_groups(request, area) -> Section:
    return Section(
        "governance/_area_section.html", {"groups": area.steering_groups.order_by("-term_start", "pk")}
    )
