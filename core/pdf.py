"""PDF rendering for every app: a pure render-to-bytes function and a thin response wrapper."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

PRINT_CSS = settings.BASE_DIR / "static" / "css" / "pdf.css"


def render(template: str, context: dict[str, Any]) -> bytes:
    """TEMPLATE rendered with CONTEXT (plus the time of printing) as PDF bytes, in the print style."""
    from weasyprint import CSS, HTML  # heavy: loaded when the first PDF is asked for

    html = render_to_string(template, {**context, "printed": timezone.localtime()})
    return bytes(HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS))]))


def response(content: bytes, filename: str) -> HttpResponse:
    result = HttpResponse(content, content_type="application/pdf")
    result["Content-Disposition"] = f'inline; filename="{filename}"'
    return result
