"""A signature's evidence: the signed scan (a PDF by content, within the size limit, without active
content: core.scans), stored under a random name; referenced by agreements.models and its migrations."""

from __future__ import annotations

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core import scans


def _evidence_path(instance, filename: str) -> str:
    # A random name: the uploader's file name is neither trusted nor revealed.
    return f"signatures/{uuid.uuid4().hex}.pdf"


def validate_pdf_scan(file) -> None:
    """A signature scan must be a PDF by content (not by name) and within the size limit."""
    limit = settings.SIGNATURE_SCAN_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("The scan is too large: at most %(mb)s MB."),
            params={"mb": limit // (1024 * 1024)},
            code="too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(5)
    file.seek(position)
    if head != b"%PDF-":
        raise ValidationError(_("The scan must be a PDF file."), code="not_pdf")
    try:
        active = scans.active_content(file)
    except scans.Unreadable:
        raise ValidationError(_("The scan is not a readable PDF file."), code="unreadable") from None
    if active:
        raise ValidationError(
            _("The scan contains active content (%(what)s): save it again as a plain PDF."),
            params={"what": ", ".join(active)},
            code="active_content",
        )


def check_signed_pdf(data: bytes) -> None:
    """The checks an uploaded signed PDF passes before its signatures are read (#30; the scan's checks,
    #14, #31 item 8): within the size limit, a PDF by content, not encrypted, no active content or web
    page markup (a polyglot)."""
    limit = settings.SIGNATURE_SCAN_MAX_BYTES
    if len(data) > limit:
        raise ValidationError(
            _("The file is too large: at most %(mb)s MB."), params={"mb": limit // (1024 * 1024)}
        )
    if not data.startswith(b"%PDF-"):
        raise ValidationError(_("The file is not a PDF file."), code="not_pdf")
    if _encrypted(data):
        raise ValidationError(
            _("The file is encrypted: upload the signed PDF without a password or restrictions."),
            code="encrypted",
        )
    try:
        active = scans.active_content(io.BytesIO(data))
    except scans.Unreadable:
        raise ValidationError(_("The file is not a readable PDF."), code="unreadable") from None
    if active:
        raise ValidationError(
            _("The signed PDF contains active content (%(what)s) and cannot be accepted."),
            params={"what": ", ".join(active)},
            code="active_content",
        )


def _encrypted(data: bytes) -> bool:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return bool(PdfReader(io.BytesIO(data), strict=False).is_encrypted)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return False  # the scan's reading says what is wrong with it
