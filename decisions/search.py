"""What the header search finds among meetings and decisions (core/search.py): sections by their
number ("§ 16/2025", "16/2025") or words of their texts, meetings by body, place, number or day, and
bodies by name; each read through decisions.access, so only what the reader may see."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.search import PER_KIND, Group, Hit, Query, finds, text_matching, words_in
from decisions.access import visible_bodies, visible_items, visible_meetings
from decisions.lists import ITEM_SEARCH_FIELDS

BODY_NAMES = ("name_fi", "name_sv")


@finds("decisions", order=10)
def decisions(request: HttpRequest, query: Query) -> Group | None:
    if query.section is None and not query.words:
        return None
    items = visible_items(request.user)
    if query.section is not None:
        number, year = query.section
        items = items.filter(number=number, year=year)
    if query.words:
        items = text_matching(items, ITEM_SEARCH_FIELDS, query)
    found = list(items.select_related("body").order_by("-year", "-number", "-pk")[: PER_KIND + 1])
    more = ""
    if len(found) > PER_KIND:
        more = reverse("decision-list") + "?" + urlencode({"q": query.text})
    hits = [
        Hit(f"{item.section} {item.title}", reverse("item-detail", args=[item.pk]), item.body.name_fi)
        for item in found[:PER_KIND]
    ]
    return Group("decisions", _("Decisions"), hits, more)


@finds("meetings", order=20)
def meetings(request: HttpRequest, query: Query) -> Group | None:
    if not query.words and query.date is None:
        return None
    found = visible_meetings(request.user)
    if query.date is not None:
        day, month, year = query.date
        try:
            found = found.filter(date=datetime.date(year, month, day))
        except ValueError:
            return None
    if query.words:
        found = found.filter(words_in(("body__name_fi", "body__name_sv", "place", "number"), query))
    rows = list(found.select_related("body").order_by("-date", "-pk")[:PER_KIND])
    hits = [
        Hit(
            str(meeting.body),
            reverse("meeting-detail", args=[meeting.pk]),
            " ".join(
                part
                for part in (meeting.date.strftime("%d.%m.%Y") if meeting.date else "", meeting.place)
                if part
            ),
        )
        for meeting in rows
    ]
    return Group("meetings", _("Meetings"), hits)


@finds("bodies", order=30)
def bodies(request: HttpRequest, query: Query) -> Group | None:
    if not query.words:
        return None
    found = visible_bodies(request.user).filter(words_in(BODY_NAMES, query)).select_related("area")
    hits = [
        Hit(body.name_fi, reverse("meeting-list") + "?" + urlencode({"body": body.pk}), body.area.name_fi)
        for body in found.order_by("name_fi")[:PER_KIND]
    ]
    return Group("bodies", _("Bodies"), hits)
