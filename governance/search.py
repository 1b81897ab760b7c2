"""What the header search finds among steering groups (core/search.py): by name, within the
cooperations the reader sees (governance.access)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.search import PER_KIND, Group, Hit, Query, finds, words_in
from governance.access import visible_groups


@finds("groups", order=25)
def steering_groups(request: HttpRequest, query: Query) -> Group | None:
    if not query.words:
        return None
    found = visible_groups(request.user).filter(words_in(("name",), query)).select_related("cooperation")
    hits = [
        Hit(group.name, reverse("group-detail", args=[group.pk]), group.cooperation.name_fi)
        for group in found.order_by("name", "pk")[:PER_KIND]
    ]
    return Group("groups", _("Steering groups"), hits)
