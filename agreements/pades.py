"""PAdES-signed agreements (#30 items 3, 4): is a PDF signed in a party's own e-signing service a valid
signature of the agreement's version? Validated with pyHanko; nothing here writes.

A signature is accepted when, each of them (PAdES, ETSI EN 319 142-1; eIDAS Art. 26):
- it is intact: the bytes it covers hash to what the signer signed, and its cryptographic check passes;
- it covers the whole document, or its own revision with only further signatures (or their validation
  data) added after it; anything else changed after signing is refused;
- the signer's certificate chains, now, to a root from settings.SIGNATURE_TRUST_ROOTS, and has not expired;
- what it signed is this version's signing copy (see `content_problems`).

Why not compare bytes with the copy sent out: the signing copy is rendered when downloaded and prints
its own time of printing and the signatures recorded so far, so two good copies of one version differ
byte for byte. What identifies the version is its SHA-256 fingerprint (agreements.fingerprints:
title, parties and every version's sections), printed on every page of the copy out for signature. A
fingerprint alone could be copied onto other text, so the signed revision's body text must also carry
the agreement's title and each section's number, title and text as recorded now (whitespace aside)."""

from __future__ import annotations

import datetime
import hashlib
import io
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# What went wrong, by code: the report keeps the codes (and their parameters), the page and the
# command say them in the reader's language.
MESSAGES = {
    "unreadable": _("The file is not a readable PDF."),
    "encrypted": _("The file is encrypted: upload the signed PDF without a password or restrictions."),
    "no_signatures": _("The file carries no electronic signature."),
    "not_intact": _("The document was changed after it was signed: the signature no longer matches it."),
    "not_valid": _("The signature's cryptographic check fails."),
    "not_whole": _("The signature does not cover the whole document: it was changed after signing."),
    "modified": _("The document was changed after this signature in another way than by adding signatures."),
    "untrusted": _("The signer's certificate does not chain to a trusted root."),
    "expired": _("The signer's certificate has expired."),
    "not_yet_valid": _("The signer's certificate is not valid yet."),
    "no_roots": _("No trusted roots are configured (SIGNATURE_TRUST_ROOTS)."),
    "no_time": _("The signature carries no signing time."),
    "no_signatory": _("No signatory of the agreement is named %(name)s (%(organisation)s)."),
    "ambiguous_signatory": _(
        "More than one signatory of the agreement is named %(name)s: the certificate must name the party's "
        "business ID."
    ),
    "not_a_party": _("The certificate's organisation (business ID %(business_id)s) is not a party."),
    "fingerprint_missing": _(
        "Pages %(pages)s do not carry this version's fingerprint (SHA-256 %(fingerprint)s): the signed "
        "document is not this version's signing copy."
    ),
    "text_differs": _(
        "The signed text differs from the agreement's recorded text (%(where)s): the signed document is "
        "not this version's signing copy."
    ),
}

# The body of a page of the signing copy (static/css/pdf.css: @page margins 18 mm top, 20 mm bottom):
# the running title, page numbers and the copy line are drawn outside it, the watermark rotated.
MM = 72 / 25.4
TOP_MARGIN, BOTTOM_MARGIN = 18 * MM, 20 * MM
BUSINESS_ID = re.compile(r"\b(\d{7}-\d)\b")


@dataclass(frozen=True)
class SigningCopy:
    """What the version's signing copy says: its fingerprint, title and sections."""

    version: int
    fingerprint: str
    title: str
    sections: list[tuple[int, str, str]]


@dataclass
class Problem:
    code: str
    params: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return str(MESSAGES[self.code]) % self.params if self.params else str(MESSAGES[self.code])


@dataclass
class SignerReport:
    """One embedded signature: who signed, when, under which certificate, and what is wrong with it."""

    field_name: str
    signer_name: str = ""
    organisation: str = ""
    business_id: str = ""
    subject: str = ""
    issuer: str = ""
    serial: str = ""
    not_after: str = ""
    signing_time: datetime.datetime | None = None
    timestamped: bool = False  # the time comes from a timestamp token, not the signer's own clock
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    coverage: str = ""
    modification: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Report:
    sha256: str
    size: int
    signatures: list[SignerReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    content_checked: bool = False
    expected: SigningCopy | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.signatures) and all(s.ok for s in self.signatures)

    def as_json(self) -> dict[str, Any]:
        """The report as stored with each recorded signature (JSON)."""

        def plain(value: Any) -> Any:
            if isinstance(value, datetime.datetime):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if isinstance(value, list):
                return [plain(v) for v in value]
            return value

        data = plain(asdict(self))
        if self.expected is not None:  # the version compared with, not its whole text
            data["expected"] = {"version": self.expected.version, "fingerprint": self.expected.fingerprint}
        data["ok"] = self.ok
        data["validated_at"] = datetime.datetime.now(datetime.UTC).isoformat()
        return data

    def lines(self) -> list[str]:
        """The report as text, in the active language (the command prints it)."""
        out = [f"SHA-256 {self.sha256} ({self.size} B)"]
        if self.expected:
            out.append(
                str(_("Compared with version %(number)s, fingerprint %(fingerprint)s."))
                % {"number": self.expected.version, "fingerprint": self.expected.fingerprint}
            )
        elif not self.problems:
            out.append(str(_("Not compared with an agreement's version (give --agreement).")))
        out += [f"  ✗ {problem}" for problem in self.problems]
        for s in self.signatures:
            time = s.signing_time.isoformat() if s.signing_time else "?"
            source = _("timestamp") if s.timestamped else _("signer's own clock")
            out.append(
                f"{s.field_name}: {s.signer_name or s.subject} · {s.organisation or '-'} · {time} ({source})"
            )
            out.append(
                f"  {_('Issuer')}: {s.issuer}; {_('serial')} {s.serial}; {_('valid until')} {s.not_after}"
            )
            out.append(
                f"  intact={s.intact} valid={s.valid} trusted={s.trusted} "
                f"coverage={s.coverage} modifications={s.modification}"
            )
            out += [f"  ✗ {problem}" for problem in s.problems]
        out.append(str(_("VALID")) if self.ok else str(_("NOT VALID")))
        return out


def trust_roots() -> list[Any]:
    """The trusted roots from settings.SIGNATURE_TRUST_ROOTS (PEM or DER files)."""
    from pyhanko.keys import load_certs_from_pemder

    return list(load_certs_from_pemder(settings.SIGNATURE_TRUST_ROOTS))


def validate(data: bytes, *, expected: SigningCopy | None = None, roots: list[Any] | None = None) -> Report:
    """Report on DATA (the uploaded PDF): every signature's validity and, given EXPECTED, whether each
    signed the version's signing copy. Never raises on a malformed file: it is a problem in the report."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    report = Report(sha256=hashlib.sha256(data).hexdigest(), size=len(data), expected=expected)
    roots = trust_roots() if roots is None else roots
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            report.problems.append(Problem("encrypted"))
            return report
        embedded = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError):
        report.problems.append(Problem("unreadable"))
        return report
    if not embedded:
        report.problems.append(Problem("no_signatures"))
        return report
    if not roots:
        report.problems.append(Problem("no_roots"))
    report.content_checked = expected is not None
    for signature in embedded:
        report.signatures.append(_check(signature, data, roots, expected))
    return report


def _check(signature: Any, data: bytes, roots: list[Any], expected: SigningCopy | None) -> SignerReport:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    result = SignerReport(field_name=str(signature.field_name))
    try:
        context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
        status = validate_pdf_signature(signature, context)
    except (PdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, NotImplementedError) as e:
        result.problems.append(Problem("not_valid"))
        result.subject = str(e)[:200]
        return result
    _describe(result, status)
    if not status.intact:
        result.problems.append(Problem("not_intact"))
    elif not status.valid:
        result.problems.append(Problem("not_valid"))
    if result.signing_time is None:
        result.problems.append(Problem("no_time"))
    _check_coverage(result, status)
    _check_certificate(result, status, roots)
    if expected is not None and status.intact:
        byte_range = signature.sig_object["/ByteRange"]
        signed = data[: int(byte_range[2]) + int(byte_range[3])]  # the revision this signature signed
        result.problems += content_problems(signed, expected)
    return result


def _describe(result: SignerReport, status: Any) -> None:
    cert = status.signing_cert
    subject = cert.subject.native
    result.signer_name = str(subject.get("common_name") or "")
    if not result.signer_name and subject.get("surname"):
        result.signer_name = f"{subject.get('given_name', '')} {subject['surname']}".strip()
    result.organisation = str(subject.get("organization_name") or "")
    for value in (subject.get("organization_identifier"), subject.get("serial_number")):
        found = BUSINESS_ID.search(str(value or ""))
        if found and value and "FI" in str(value).upper():
            result.business_id = found.group(1)
            break
    result.subject = cert.subject.human_friendly
    result.issuer = cert.issuer.human_friendly
    result.serial = format(cert.serial_number, "x")
    result.not_after = cert["tbs_certificate"]["validity"]["not_after"].native.isoformat()
    result.intact, result.valid, result.trusted = status.intact, status.valid, status.trusted
    result.coverage = status.coverage.name if status.coverage else ""
    result.modification = status.modification_level.name if status.modification_level else ""
    timestamp = getattr(status, "timestamp_validity", None)
    if timestamp is not None and timestamp.intact and timestamp.valid:
        result.signing_time, result.timestamped = timestamp.timestamp, True
    else:
        result.signing_time = status.signer_reported_dt


def _check_coverage(result: SignerReport, status: Any) -> None:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    # Only further signatures (filling their fields) or their validation data may follow a signature.
    allowed = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        result.problems.append(Problem("not_whole"))
    elif status.modification_level not in allowed or not status.docmdp_ok:
        result.problems.append(Problem("modified"))


def _check_certificate(result: SignerReport, status: Any, roots: list[Any]) -> None:
    now = datetime.datetime.now(datetime.UTC)
    validity = status.signing_cert["tbs_certificate"]["validity"]
    if validity["not_after"].native < now:
        result.problems.append(Problem("expired"))
    elif validity["not_before"].native > now:
        result.problems.append(Problem("not_yet_valid"))
    elif roots and not status.trusted:
        result.problems.append(Problem("untrusted"))


def _squash(text: str) -> str:
    """Text compared without its layout: compatibility forms folded (ligatures), no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _body_of(page: Any) -> tuple[str, str]:
    """(all text, body text) of PAGE: the body leaves out the margins and rotated text."""
    height = float(page.mediabox.height)
    body: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: Any) -> None:
        # the text's place on the page: the text matrix times the current transformation matrix
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        rotated = abs(tm[0] * cm[1] + tm[1] * cm[3]) > 1e-6 or abs(tm[2] * cm[0] + tm[3] * cm[2]) > 1e-6
        if not rotated and BOTTOM_MARGIN < y < height - TOP_MARGIN:
            body.append(text)

    everything = page.extract_text(visitor_text=visit)
    return everything, "".join(body)


def _page_texts(pdf: bytes) -> list[tuple[str, str]]:
    from pypdf import PdfReader

    return [_body_of(page) for page in PdfReader(io.BytesIO(pdf), strict=False).pages]


def content_problems(signed: bytes, expected: SigningCopy) -> list[Problem]:
    """Whether SIGNED (the revision a signature covers) is the version's signing copy: its fingerprint
    on every page, and the agreement's title and sections, as recorded, in its body text."""
    from pypdf.errors import PyPdfError

    try:
        pages = _page_texts(signed)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return [Problem("unreadable")]
    problems = []
    missing = [
        str(n) for n, (text, _body) in enumerate(pages, start=1) if expected.fingerprint not in _squash(text)
    ]
    if missing or not pages:
        problems.append(
            Problem(
                "fingerprint_missing",
                {"pages": ", ".join(missing) or "-", "fingerprint": expected.fingerprint},
            )
        )
        return problems  # another document: its text need not be compared
    body = _squash("".join(b for _text, b in pages))
    differs = [] if _squash(expected.title) in body else [str(_("title"))]
    position = 0
    for number, title, text in expected.sections:
        found = body.find(_squash(f"{number}. {title}{text}"), position)
        if found < 0:
            differs.append(f"§ {number}")
        else:
            position = found
    if differs:
        problems.append(Problem("text_differs", {"where": ", ".join(differs)}))
    return problems


def signing_copy(agreement: Any) -> SigningCopy:
    """What the signing copy of AGREEMENT's latest version says (agreements.views.agreement_document)."""
    from agreements import selectors
    from agreements.fingerprints import fingerprint

    agreement = selectors.ensure_loaded(agreement)
    states = selectors.version_states(agreement)
    return SigningCopy(
        version=len(states),
        fingerprint=fingerprint(agreement, states),
        title=agreement.title,
        sections=[(s.number, s.title, s.text) for s in selectors.effective_sections(agreement)],
    )
