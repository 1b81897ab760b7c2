"""Which municipality codes this app uses, so that an edition of the national registers that drops
one of them is refused (registers/usage.py): a municipality row of an employment area, or one that
leads an area."""

from organisations.models import Municipality
from registers.usage import uses_municipalities


@uses_municipalities
def municipalities() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for m in Municipality.objects.select_related("area").prefetch_related("led_areas"):
        users = [f"municipality {m} of the database"]
        if m.area is not None:
            users.append(f"employment area {m.area.code}")
        users += [f"lead municipality of employment area {area.code}" for area in m.led_areas.all()]
        found.setdefault(m.code, []).extend(users)
    return found
