"""What the header search finds in the document archive (core/search.py): documents open to the reader
(archive.access.visible_documents: their cooperations and the audience each is shared with), by
title or case."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from archive.access import visible_documents
from core.search import PER_KIND, Group, Hit, Query, finds, words_in


@finds("documents", order=60)
def documents(request: HttpRequest, query: Query) -> Group | None:
    if not query.words:
        return None
    found = visible_documents(request.user).filter(words_in(("title", "case"), query))
    hits = [
        Hit(d.title, reverse("archive-download", args=[d.pk]), f"{d.get_kind_display()}, {d.case}")
        for d in found.order_by("-archived_at", "-pk")[:PER_KIND]
    ]
    return Group("documents", _("Documents"), hits)
