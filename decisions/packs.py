"""The meeting pack (#29 item 6): the agenda with its annexes as one page and one PDF, and the
secretary's action that publishes the agenda to the body's members (decisions/agendas.py). The annexes'
files live in the archive, an app above this one: it adds them here (core.sections rows
"meeting-pack"), each only for a reader it is shared with."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import pdf
from core.forms import submit
from core.sections import rows
from core.views import form_page
from decisions import access, agendas
from decisions.editing import agenda_document
from decisions.forms import ConfirmForm
from decisions.models import AgendaPublication, Meeting

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PackAnnex:
    """An annex's file as an app above keeps it: which annex, its link, and its bytes when read."""

    annex_id: int
    title: str
    link: str
    read: Callable[[], bytes]


def _pack(request: HttpRequest, meeting: Meeting) -> tuple[list, dict[int, list[PackAnnex]]]:
    items = list(meeting.items.select_related("presenter").prefetch_related("annexes").order_by("number"))
    files: dict[int, list[PackAnnex]] = {}
    for found in rows("meeting-pack", request, meeting):
        files.setdefault(found.annex_id, []).append(found)
    return items, files


@login_required
def meeting_pack(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting pack's page: the meeting, its sections with their annexes, the pack as one PDF."""
    meeting = access.get_meeting_for_user(request.user, pk)
    items, files = _pack(request, meeting)
    publication = AgendaPublication.objects.filter(meeting=meeting).select_related("published_by").first()
    can_record = access.can_record(request.user, meeting.body)
    context = {
        "meeting": meeting,
        "entries": [
            (item, [(annex, files.get(annex.pk, [])) for annex in item.annexes.all()]) for item in items
        ],
        "publication": publication,
        "can_publish": can_record and publication is None,
    }
    return render(request, "decisions/meeting_pack.html", context)


@login_required
def meeting_pack_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk)
    items, files = _pack(request, meeting)
    annexes = [f for item in items for annex in item.annexes.all() for f in files.get(annex.pk, [])]
    return pdf.response(pack_document(meeting, annexes), f"kokousaineisto-{meeting.pk}.pdf")


def pack_document(meeting: Meeting, annexes: list[PackAnnex]) -> bytes:
    """MEETING's agenda (WeasyPrint) with the PDF of each of ANNEXES appended, each a bookmark."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(agenda_document(meeting))), outline_item=_("Agenda"))
    for annex in annexes:
        try:
            writer.append(PdfReader(io.BytesIO(annex.read()), strict=False), outline_item=annex.title)
        except (PyPdfError, OSError, ValueError) as error:
            # An archived annex was checked when it was archived; one that cannot be read now is left
            # out rather than the whole pack refused, and its link stays on the pack's page.
            log.warning("annex %s left out of the pack of meeting %s: %s", annex.annex_id, meeting.pk, error)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@login_required
@require_http_methods(["GET", "POST"])
def agenda_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretary publishes the agenda: the body's members are told at once, which cannot be undone."""
    meeting = access.get_meeting_for_user(request.user, pk, to_change=True)
    form = ConfirmForm(request.POST or None)
    if submit(request, form, lambda data: agendas.publish_agenda(meeting=meeting, actor=request.user)):
        messages.success(request, _("The agenda was published and the body's members were told."))
        return redirect("meeting-pack", pk=meeting.pk)
    members = agendas.invited_to([meeting])[meeting.pk]
    return form_page(
        request,
        form,
        _("Publish the agenda"),
        reverse("meeting-pack", args=[meeting.pk]),
        _("Back to the meeting pack"),
        template="core/confirm_page.html",
        warning=_(
            "The body's members are told at once, in the portal and by e-mail, with the link to the "
            "meeting pack. The meeting is in their calendars."
        ),
        facts=[
            (_("Meeting"), str(meeting)),
            (_("Told"), ", ".join(getattr(u, "get_full_name", str)() or str(u) for u in members) or "–"),
        ]
        + [(_("Not ready"), p) for p in agendas.publish_problems(meeting)],
        submit_label=_("Publish the agenda"),
    )
