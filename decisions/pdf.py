"""PDF rendering for minutes and extracts: pure render-to-bytes and a thin response wrapper."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

PRINT_CSS = settings.BASE_DIR / "static" / "css" / "pdf.css"


def render(template: str, context: dict) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string(template, {**context, "printed": timezone.localtime()})
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS))])


def response(content: bytes, filename: str) -> HttpResponse:
    result = HttpResponse(content, content_type="application/pdf")
    result["Content-Disposition"] = f'inline; filename="{filename}"'
    return result
