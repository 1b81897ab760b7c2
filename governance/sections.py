"""The steering group's section on the cooperation page (core/sections.py)."""

from core.sections import Section, contributes


@contributes("cooperation", order=10)
def cooperation_groups(request, cooperation) -> Section:
    groups = cooperation.steering_groups.order_by("-term_start", "pk")
    return Section("governance/_cooperation_section.html", {"groups": groups})
