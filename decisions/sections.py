"""The bodies, meetings and decisions section on the area page (core/sections.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.sections import Change, Section, adds_rows, contributes
from decisions.models import Meeting
from organisations.access import areas_visible_to, is_secretary_of


@contributes("area", order=30)
def area_bodies(request, area) -> Section:
    return Section(
        "decisions/_area_section.html",
        {
            "bodies": area.bodies.prefetch_related("meetings").order_by("name_fi"),
            "can_record": is_secretary_of(request.user, area.cooperation_id),
        },
    )


@adds_rows("dashboard-changes")
def published_minutes(request, since) -> list[Change]:
    """Minutes put on the public network since the reader's last visit, in the areas they see: their
    appeal periods have begun."""
    published = Meeting.history.filter(
        history_date__gt=since, history_type="~", published_on__gte=since.date()
    ).select_related("body")
    areas = areas_visible_to(request.user)
    published = published.filter(body__area__in=areas)
    seen: set[int] = set()
    changes = []
    for row in published.order_by("-history_date")[:60]:
        if row.id in seen:
            continue
        seen.add(row.id)
        changes.append(
            Change(
                at=row.history_date,
                text=_("Minutes of %(body)s of %(day)s published: the appeal periods run")
                % {"body": row.body.name_fi, "day": row.date.strftime("%d.%m.%Y") if row.date else "?"},
                link=reverse("meeting-detail", args=[row.id]),
            )
        )
    return changes[:30]
