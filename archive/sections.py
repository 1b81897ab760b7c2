"""The archive's section on the cooperation page (core/sections.py)."""

from django.db.models import Q
from django.urls import reverse

from archive.access import documents_for, visible_documents
from core.sections import Found, Section, adds_rows, contributes


@contributes("cooperation", order=40)
def cooperation_archive(request, cooperation) -> Section:
    return Section(
        "archive/_cooperation_section.html",
        {"cooperation": cooperation, "count": documents_for(request.user, cooperation).count()},
    )


@adds_rows("search")
def archived_documents(request, text: str) -> list[Found]:
    """Archived documents open to the reader whose title or case matches the words searched for."""
    documents = visible_documents(request.user)
    for word in text.split()[:5]:
        documents = documents.filter(Q(title__icontains=word) | Q(case__icontains=word))
    return [
        Found(d.title, reverse("archive-download", args=[d.pk]), f"{d.get_kind_display()}, {d.case}")
        for d in documents.order_by("-archived_at")[:20]
    ]
