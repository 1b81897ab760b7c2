"""PDF rendering for every app: a pure render-to-bytes function and a thin response wrapper."""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

PRINT_CSS = settings.BASE_DIR / "static" / "css" / "pdf.css"


# The archive keeps documents as PDF/A-3b (ISO 19005-3, level B: the look is kept exactly; fonts embedded,
# colour profile and XMP identification included), the variant the National Archives accepts for
# long-term keeping of PDF documents.
ARCHIVE_VARIANT = "pdf/a-3b"


def render(template: str, context: dict[str, Any], *, variant: str | None = None) -> bytes:
    """TEMPLATE rendered with CONTEXT (plus the time of printing) as PDF bytes, in the print style;
    VARIANT (e.g. ARCHIVE_VARIANT) asks WeasyPrint for a standard PDF variant."""
    from weasyprint import CSS, HTML  # heavy: loaded when the first PDF is asked for

    html = render_to_string(template, {**context, "printed": timezone.localtime()})
    options: dict[str, Any] = {"pdf_variant": variant} if variant else {}
    return bytes(HTML(string=html).write_pdf(stylesheets=[_print_style(CSS)], **options))


@functools.cache
def _print_style(css: Any) -> Any:
    """The print style sheet, parsed once per process: it is a file of the release, not data (#15)."""
    return css(filename=str(PRINT_CSS))


def response(content: bytes, filename: str) -> HttpResponse:
    result = HttpResponse(content, content_type="application/pdf")
    result["Content-Disposition"] = f'inline; filename="{filename}"'
    return result
