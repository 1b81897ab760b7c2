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
