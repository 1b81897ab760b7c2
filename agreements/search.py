"""What the header search finds among agreements (core/search.py): by title, within the cooperations
the reader sees (agreements.access)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agreements.access import visible_agreements
from core.search import PER_KIND, Group, Hit, Query, finds, words_in


@finds("agreements", order=40)
def agreements(request: HttpRequest, query: Query) -> Group | None:
    if not query.words:
        return None
    found = visible_agreements(request.user).filter(words_in(("title",), query)).select_related("cooperation")
    hits = [
        Hit(
            a.title,
            reverse("agreement-detail", args=[a.pk]),
            f"{a.cooperation.name_fi}, {a.get_status_display()}",
        )
        for a in found.order_by("-pk")[:PER_KIND]
    ]
    return Group("agreements", _("Agreements"), hits)
