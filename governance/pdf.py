"""PDF rendering of the steering group's documents: pure render-to-bytes, and a thin response."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

PRINT_CSS = settings.BASE_DIR / "static" / "css" / "pdf.css"


def render_composition(context: dict) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("governance/composition_pdf.html", {**context, "printed": timezone.localtime()})
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS))])


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
