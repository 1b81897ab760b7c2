"""A user's deadlines as an iCalendar feed (all-day events), behind a secret token URL."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from organisations import access


def deadlines_for(user) -> list[tuple[datetime.date, str, str, str]]:
    """(date, uid, summary, link) for every deadline the user may see."""
    from agreements.models import Agreement, Dispute
    from costs.models import Invoice
    from decisions import appeals
    from decisions.models import AgendaItem
    from governance.models import LeadershipAppointment, SteeringGroup

    areas = access.areas_visible_to(user)
    rows = []
    for group in SteeringGroup.objects.filter(area__in=areas).exclude(term_end=None).select_related("area"):
        rows.append(
            (
                group.term_end,
                f"group-{group.pk}",
                f"{group.name}, {group.area}: toimikausi päättyy",
                f"/groups/{group.pk}/",
            )
        )
    for a in LeadershipAppointment.objects.filter(group__area__in=areas, ended_on=None).select_related(
        "person"
    ):
        rows.append(
            (
                a.term_end,
                f"leader-{a.pk}",
                f"{a.person}: {a.get_capacity_display()} – kausi päättyy",
                f"/groups/{a.group_id}/",
            )
        )
    for agreement in Agreement.objects.filter(area__in=areas).exclude(ends_on=None):
        rows.append(
            (
                agreement.ends_on,
                f"agreement-{agreement.pk}",
                f"{agreement.title}: päättyy",
                f"/agreements/{agreement.pk}/",
            )
        )
    for d in Dispute.objects.filter(agreement__area__in=areas, resolved_on=None):
        rows.append(
            (
                d.day_60,
                f"dispute-{d.pk}",
                f"Erimielisyys: 60. päivä ({d.requested_by} – {d.requested_to})",
                f"/agreements/{d.agreement_id}/",
            )
        )
    for i in Invoice.objects.filter(day__group__area__in=areas, status="sent").select_related("debtor"):
        rows.append(
            (
                i.due_date,
                f"invoice-{i.pk}",
                f"Lasku {i.number} ({i.debtor}) erääntyy",
                f"/development-days/{i.day_id}/",
            )
        )
    recent = timezone.localdate() - datetime.timedelta(days=120)
    items = (
        AgendaItem.objects.filter(body__area__in=areas, meeting__published_on__gte=recent)
        .select_related("meeting", "body")
        .prefetch_related("appeal_parts", "notifications", "claims")
    )
    for item in items:
        for n, period in enumerate(appeals.status(item).periods):
            rows.append(
                (
                    period.computation.last_day,
                    f"appeal-{item.pk}-{n}",
                    f"{item.section} {item.body}: muutoksenhaun viimeinen päivä ({period.who})",
                    f"/decisions/{item.pk}/",
                )
            )
    return sorted(rows)


def render(user) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//TYM Governance//fi")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "TYM-määräajat")
    root = settings.SITE_ROOT.rstrip("/")
    stamp = timezone.now()
    for day, uid, summary, link in deadlines_for(user):
        event = Event()
        event.add("uid", f"{uid}@tym")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + datetime.timedelta(days=1))
        event.add("summary", summary)
        event.add("url", root + link)
        calendar.add_component(event)
    return calendar.to_ical()
