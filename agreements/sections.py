"""The agreement's section on the area page (core/sections.py)."""

from core.sections import Section, contributes


@contributes("area", order=20)
def area_agreements(request, area) -> Section:
    return Section("agreements/_area_section.html", {"agreements": area.agreements.order_by("-pk")})
