"""The mail the portal sent, for administrators in development (#29 item 6): with DEBUG and the
file-based e-mail backend (`make run` keeps every message in var/mail/, tym/settings.py), this page
lists the newest messages with their text, so a newcomer sees the invitations and reminders that went
out. Outside DEBUG, or with another backend, it does not exist (404)."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

SHOWN = 50  # the newest messages
# The file-based backend writes each message followed by a line of 79 dashes.
SEPARATOR = b"-" * 79


@dataclass(frozen=True)
class Sent:
    subject: str
    to: str
    date: str
    text: str


def _messages(folder: Path) -> list[Sent]:
    found: list[Sent] = []
    files = sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in files:
        for raw in reversed(path.read_bytes().split(SEPARATOR)):
            if not raw.strip():
                continue
            message = email.message_from_bytes(raw.strip() + b"\n", policy=email.policy.default)
            body = message.get_body(preferencelist=("plain",)) if message.is_multipart() else message
            text = body.get_content() if body is not None else ""  # type: ignore[attr-defined]
            sent = Sent(
                str(message["subject"] or ""), str(message["to"] or ""), str(message["date"] or ""), text
            )
            found.append(sent)
            if len(found) >= SHOWN:
                return found
    return found


@staff_member_required
def mailbox(request: HttpRequest) -> HttpResponse:
    path = getattr(settings, "EMAIL_FILE_PATH", "")
    if not settings.DEBUG or not settings.EMAIL_BACKEND.endswith("filebased.EmailBackend") or not path:
        raise Http404
    folder = Path(path)
    sent = _messages(folder) if folder.is_dir() else []
    return render(request, "notifications/mailbox.html", {"sent": sent, "folder": folder})
