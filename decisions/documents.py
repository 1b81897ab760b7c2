"""A body's official documents as PDF: the minutes (pöytäkirja) and the certified extract (ote). Each is
rendered in the body's official language whatever the reader's interface language (core.doclang);
English only as an unofficial translation. The published copy of the minutes carries no signatures but
the checking and publication dates, and only what the public network may show (Kuntalaki § 140)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core import doclang, pdf
from decisions import access, appeals, minutes
from decisions.models import AgendaItem, Body, Meeting
from decisions.views import _item_context, _item_queryset


def language_of(meeting: Meeting, asked: str | None = None) -> doclang.DocumentLanguage:
    """The language a document of MEETING's body is rendered in (ASKED when the body offers it)."""
    return doclang.choose(meeting.body.official_languages, asked)


def body_name(body: Body, language: doclang.DocumentLanguage) -> str:
    """The body's name in a Swedish document when recorded in Swedish, else its Finnish (proper) name."""
    return body.name_sv if language.code == "sv" and body.name_sv else body.name_fi


def _texts(item: AgendaItem, language: doclang.DocumentLanguage, public_on: datetime.date | None) -> dict:
    """The section's own texts in the document's language where the secretary recorded them (Swedish
    for a Swedish document), else as written with their language marked; PUBLIC_ON: as the public
    network shows them on that day (personal names removed after the period)."""
    removal = appeals.status(item).personal_data_removed_on if public_on else None
    memo: dict = {}

    def text(finnish: str, swedish: str = "") -> tuple[str, str]:
        chosen, lang = (swedish, "sv") if language.code == "sv" and swedish else (finnish, "fi")
        if public_on:
            chosen = appeals.public_text(item, chosen, public_on, removal, memo)
        return chosen, lang

    presenter = item.presenter
    named = f"{presenter.full_name}, {presenter.title}" if presenter and presenter.title else ""
    return {
        # The presenter's name as the proposal's heading prints it: also off the network after the period.
        "presenter": text(named or (presenter.full_name if presenter else ""))[0],
        "title": text(item.title, item.title_sv),
        "basis": text(item.basis),
        "proposal": text(item.proposal, item.proposal_sv),
        "decision": text(item.decision, item.decision_sv),
        "annexes": [(a.number, text(a.title)[0]) for a in item.annexes.all() if a.public or not public_on],
    }


def _item_contexts(
    items: list[AgendaItem], language: doclang.DocumentLanguage, public_on: datetime.date | None = None
) -> list[dict[str, Any]]:
    memo: dict = {}  # one meeting's sections share a body and a decision date: read once
    result = []
    for item in items:
        context = _item_context(item, memo)
        context["instruction_language"] = language.code
        context["body_name"] = body_name(item.body, language)
        context["texts"] = _texts(item, language, public_on) if item.public or not public_on else None
        if context["texts"] is None:
            for part in item.appeal_parts.all():  # the prefetched rows: a confidential matter's wording
                part.scope_fi = part.scope_sv = ""  # is not published; never saved
        result.append(context)
    return result


def minutes_document(
    meeting: Meeting,
    *,
    variant: str | None = None,
    language: doclang.DocumentLanguage | None = None,
    published_copy: bool = False,
) -> bytes:
    """The minutes of MEETING as PDF: heading, attendance by role, signatures and the checking record,
    the legality and checkers' sections, then every section with its instructions. PUBLISHED_COPY: the
    copy on the public network (no signature lines; a confidential matter only mentioned)."""
    language = language or language_of(meeting)
    with doclang.active(language):
        attendances = list(meeting.attendances.select_related("person__organisation", "substitutes_for"))
        items = list(_item_queryset().filter(meeting=meeting).order_by("number"))
        public_on = timezone.localdate() if published_copy else None
        context = {
            "meeting": meeting,
            "body": meeting.body,
            "body_name": body_name(meeting.body, language),
            "document": language,
            "published_copy": published_copy,
            "roll": minutes.roll(attendances),
            "legality": minutes.legality(meeting, attendances),
            "opening": minutes.opening_numbers(meeting),
            "checked": minutes.checked(meeting),
            "item_contexts": _item_contexts(items, language, public_on),
        }
        return pdf.render("decisions/minutes_pdf.html", context, variant=variant)


def extract_document(
    item: AgendaItem, *, variant: str | None = None, language: doclang.DocumentLanguage | None = None
) -> bytes:
    """The certified extract of ITEM as PDF (the portal's download and the archive's copy)."""
    item = _item_queryset().get(pk=item.pk)
    language = language or language_of(item.meeting)
    with doclang.active(language):
        extract = item.extracts.select_related("certified_by").order_by("-certified_on").first()
        (context,) = _item_contexts([item], language)
        context.update(extract=extract, document=language)
        return pdf.render("decisions/extract_pdf.html", context, variant=variant)


def _suffix(language: doclang.DocumentLanguage) -> str:
    return "" if language.code == language.main else f"-{language.code}"


@login_required
def extract_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_item_for_user(request.user, pk)
    language = language_of(item.meeting, request.GET.get("lang"))
    content = extract_document(item, language=language)
    return pdf.response(content, f"ote-{item.number}-{item.year}{_suffix(language)}.pdf")


@login_required
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk)
    language = language_of(meeting, request.GET.get("lang"))
    content = minutes_document(meeting, language=language)
    return pdf.response(content, f"poytakirja-{meeting.pk}{_suffix(language)}.pdf")


def public_minutes_pdf(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The published copy of the minutes on the public network, without login: only minutes put there
    by a body that publishes them."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("body__area", "chair", "secretary"),
        pk=pk,
        body__code=code,
        body__publishes_minutes=True,
    )
    if meeting.published_on is None:
        raise Http404
    language = language_of(meeting, request.GET.get("lang"))
    content = minutes_document(meeting, language=language, published_copy=True)
    return pdf.response(content, f"poytakirja-{meeting.pk}{_suffix(language)}.pdf")
