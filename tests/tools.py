"""Machine tools some tests need. Where a tool is missing they are skipped on a developer's machine
with the reason, but fail in CI (.ci/run sets the REQUIRE_* variables), so no check there can pass by
not running."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest


def require(available: bool, what: str, variable: str) -> None:
    if available:
        return
    if os.environ.get(variable) == "1":
        pytest.fail(f"{what} is required here ({variable}=1)")
    pytest.skip(f"{what} is not available on this machine")


def pdf_text(content: bytes, tmp_path) -> str:
    """The text of a PDF as pdftotext lays it out (poppler-utils)."""
    assert content.startswith(b"%PDF-")
    require(bool(shutil.which("pdftotext")), "pdftotext (Debian package poppler-utils)", "REQUIRE_PDF_TOOLS")
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_bytes(*, javascript: bool = False, attachment: bool = False, launch: bool = False) -> bytes:
    """A real one-page PDF (pypdf), optionally with the active content a scan must not carry."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if javascript:  # a document-level script in the name tree (PDF 32000-1 § 12.6.4.16)
        script = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
        )
        tree = DictionaryObject(
            {NameObject("/Names"): ArrayObject([TextStringObject("x"), writer._add_object(script)])}
        )
        names = DictionaryObject({NameObject("/JavaScript"): writer._add_object(tree)})
        writer._root_object[NameObject("/Names")] = writer._add_object(names)
    if attachment:
        writer.add_attachment("x.txt", b"hidden")
    if launch:
        action = DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")}
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
