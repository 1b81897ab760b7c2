"""The archived annexes a meeting pack appends to its agenda (decisions/packs.py, core.sections rows
"meeting-pack"): the files of the meeting's annexes that the reader may open
(archive.access.visible_documents), the newest copy of each, in one query."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from archive.access import visible_documents
from archive.models import ArchivedDocument
from core.sections import adds_rows
from decisions.packs import PackAnnex


def _reader(document: ArchivedDocument):  # type: ignore[no-untyped-def]
    def read() -> bytes:
        with document.file.open("rb") as handle:
            return bytes(handle.read())

    return read


@adds_rows("meeting-pack")
def archived_annexes(request: Any, meeting: Any) -> list[PackAnnex]:
    documents = (
        visible_documents(request.user)
        .filter(kind=ArchivedDocument.Kind.ANNEX, annex__item__meeting=meeting)
        .select_related("annex__item")
        .order_by("annex__item__number", "annex__number", "-archived_at", "-pk")
    )
    newest: dict[int, ArchivedDocument] = {}
    for document in documents:
        newest.setdefault(document.annex_id, document)  # type: ignore[arg-type]
    return [
        PackAnnex(
            annex_id=document.annex_id,  # type: ignore[arg-type]
            title=f"{document.annex.item.section}, {document.annex}",  # type: ignore[union-attr]
            link=reverse("archive-download", args=[document.pk]),
            read=_reader(document),
        )
        for document in newest.values()
    ]
