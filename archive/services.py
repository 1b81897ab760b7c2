"""Archiving: the document rendered again from the records as PDF/A-3b (core.pdf.ARCHIVE_VARIANT), or
an uploaded annex or report that already is PDF/A, stored with its digest and records metadata in one
transaction: a refused document leaves neither a row nor a file behind."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from agreements import services as agreement_services
from agreements.models import Agreement, AgreementParty, Signature, Version
from agreements.views import agreement_document
from archive.models import ArchivedDocument
from core import pdf, scans
from core.writes import Actor, save_validated, update_fields
from decisions.documents import extract_document, minutes_document
from decisions.editing import agenda_document
from decisions.models import AgendaItem, Annex, Meeting
from organisations.models import Cooperation

Kind = ArchivedDocument.Kind
RENDERED: dict[str, str] = {
    Kind.AGENDA: "meeting",
    Kind.MINUTES: "meeting",
    Kind.EXTRACT: "item",
    Kind.AGREEMENT: "agreement",
}
UPLOADED = (Kind.ANNEX, Kind.REPORT)
MAX_UPLOAD = 20 * 1024 * 1024
METADATA = (
    "title",
    "case",
    "publicity",
    "secrecy_basis",
    "retention_years",
    "permanent",
    "audience",
    "status",
)


def _render(kind: str, source: Any) -> bytes:
    if kind == Kind.AGENDA:
        return agenda_document(source, variant=pdf.ARCHIVE_VARIANT)
    if kind == Kind.MINUTES:
        return minutes_document(source, variant=pdf.ARCHIVE_VARIANT)
    if kind == Kind.EXTRACT:
        return extract_document(source, variant=pdf.ARCHIVE_VARIANT)
    return agreement_document(source, variant=pdf.ARCHIVE_VARIANT)


def _pdfa_identification(data: bytes) -> str | None:
    """'PDF/A-<part><conformance>' as the file's XMP metadata declares it, or None."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        xmp = PdfReader(io.BytesIO(data), strict=False).xmp_metadata
        if xmp is None or not xmp.pdfaid_part:
            return None
        return f"PDF/A-{xmp.pdfaid_part}{(xmp.pdfaid_conformance or '').lower()}"
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def _uploaded(upload: UploadedFile | None) -> tuple[bytes, str]:
    if upload is None:
        raise ValidationError({"upload": _("Choose the PDF/A file of the annex or report.")})
    if (upload.size or 0) > MAX_UPLOAD:
        raise ValidationError({"upload": _("The file is larger than 20 MB.")})
    data = upload.read()
    try:
        active = scans.active_content(io.BytesIO(data))
    except scans.Unreadable as error:
        raise ValidationError({"upload": _("The file is not a readable PDF.")}) from error
    if active:
        raise ValidationError(
            {
                "upload": _("The file carries %(what)s: archive a plain document.")
                % {"what": ", ".join(active)}
            }
        )
    variant = _pdfa_identification(data)
    if variant is None:
        raise ValidationError(
            {"upload": _("The file is not PDF/A. Save it as PDF/A (e.g. PDF/A-2b) and archive that file.")}
        )
    return data, variant


@transaction.atomic
def archive(
    *,
    cooperation: Cooperation,
    kind: str,
    actor: Actor,
    title: str,
    case: str,
    publicity: str,
    audience: str,
    secrecy_basis: str = "",
    retention_years: int | None = None,
    permanent: bool = False,
    status: str = ArchivedDocument.Status.ACTIVE,
    source: Meeting | AgendaItem | Agreement | None = None,
    upload: UploadedFile | None = None,
    annex: Annex | None = None,
) -> ArchivedDocument:
    """Keep a document of COOPERATION: SOURCE (a meeting, a decided item with an extract, an agreement)
    rendered as PDF/A, or an UPLOAD that is PDF/A already (annexes, reports)."""
    if kind in RENDERED:
        if source is None:
            raise ValidationError({"source": _("Choose the document to archive.")})
        data, variant = _render(kind, source), "PDF/A-3b"  # core.pdf.ARCHIVE_VARIANT
        origin = f"{RENDERED[kind]}:{source.pk}"
    elif kind in UPLOADED:
        data, variant = _uploaded(upload)
        origin = "upload"
    else:
        raise ValidationError({"kind": _("Choose the kind of the document.")})
    if annex is not None and kind != Kind.ANNEX:
        raise ValidationError({"annex": _("Only an annex is the file of a decision's annex.")})
    document = ArchivedDocument(
        cooperation=cooperation,
        kind=kind,
        source=origin,
        annex=annex,  # the meeting pack appends it to the agenda (archive/packs.py)
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        pdf_variant=variant,
        archived_by=actor if isinstance(actor, get_user_model()) else None,
        title=title,
        case=case,
        publicity=publicity,
        secrecy_basis=secrecy_basis,
        retention_years=None if permanent else retention_years,  # kept for good: no period
        permanent=permanent,
        audience=audience,
        status=status,
    )
    document.full_clean(exclude=["file"])  # the metadata first: nothing is written for a refusal
    document.file.save(f"{kind}-{document.sha256[:12]}.pdf", ContentFile(data), save=False)
    try:
        return save_validated(document, actor)
    except ValidationError:
        document.file.delete(save=False)
        raise


@transaction.atomic
def update_metadata(*, document: ArchivedDocument, actor: Actor, data: dict[str, Any]) -> ArchivedDocument:
    """Change the records metadata (never the file or its digest); the history keeps every version."""
    document = ArchivedDocument.objects.select_for_update().get(pk=document.pk)
    data = dict(data)
    if data.get("permanent", document.permanent):
        data["retention_years"] = None  # kept for good: no period
    update_fields(document, actor=actor, allowed=METADATA, data=data)
    return document


@transaction.atomic
def archive_signed_agreement(
    *, version: Version, signed_pdf: UploadedFile, acting_for: list[AgreementParty], actor: Actor
) -> tuple[list[Signature], ArchivedDocument]:
    """Record the PAdES signatures of SIGNED_PDF on VERSION (agreements.services.record_pades_signatures)
    and keep the signed file, as it came, in the cooperation's archive (agreement § 10: the employment
    authority keeps the archive), once per file; together or not at all."""
    data = signed_pdf.read(settings.SIGNATURE_SCAN_MAX_BYTES + 1)  # one byte over: refused as too large
    signatures = agreement_services.record_pades_signatures(
        version=version, data=data, acting_for=acting_for, actor=actor
    )
    agreement = version.agreement
    digest = signatures[0].signed_pdf_sha256
    kept = ArchivedDocument.objects.filter(cooperation_id=agreement.cooperation_id, sha256=digest).first()
    if kept is not None:
        return signatures, kept
    document = ArchivedDocument(
        cooperation_id=agreement.cooperation_id,
        kind=Kind.AGREEMENT,
        source=f"signed:{version.pk}",
        sha256=digest,
        size=len(data),
        pdf_variant=_pdfa_identification(data) or "PDF (PAdES)",
        archived_by=actor if isinstance(actor, get_user_model()) else None,
        title=(
            _("%(title)s, version %(number)s, signed (PAdES)")
            % {"title": agreement.title, "number": version.number}
        )[:300],
        case=f"{agreement.cooperation.code}: {agreement.title}"[:200],
        publicity=ArchivedDocument.Publicity.PUBLIC,
        audience=ArchivedDocument.Audience.EVERYONE,  # as the signatures on the agreement's page
        permanent=True,  # the agreement the cooperation was founded on
    )
    document.full_clean(exclude=["file"])
    document.file.save(f"signed-{digest[:12]}.pdf", ContentFile(data), save=False)
    try:
        return signatures, save_validated(document, actor)
    except ValidationError:
        document.file.delete(save=False)
        raise
