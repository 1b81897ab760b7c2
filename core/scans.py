"""Uploaded scans are documents, not programs: a PDF that carries JavaScript, embedded files, actions
that launch, open, link, fetch or send something, or web page markup (a PDF that is also an HTML page)
is refused (#14, #31 item 8), whatever its name or header says."""

from __future__ import annotations

import re
from typing import IO, Any

# Names that make a PDF do something when opened or viewed (PDF 32000-1 §§ 12.6, 7.11.4).
ACTIVE_NAMES = {
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/Launch": "a launch action",
    "/EmbeddedFile": "an embedded file",
    "/EmbeddedFiles": "an embedded file",
    "/OpenAction": "an action on opening",
    "/AA": "automatic actions",
    "/RichMedia": "rich media",
    "/XFA": "an XFA form",
}
# Actions (the /S of an action dictionary) that run, open, send or fetch something (PDF 32000-1 § 12.6.4):
# a link to another file or a web address, a form sent off, data imported (#31 item 8).
ACTIVE_ACTIONS = {
    "/JavaScript": "JavaScript",
    "/Launch": "a launch action",
    "/GoToR": "a link to another file",
    "/GoToE": "a link to an embedded file",
    "/URI": "a web address action",
    "/SubmitForm": "a form sent on",
    "/ImportData": "data imported",
    "/Rendition": "a media action",
}
# A file that is also a web page (a "%PDF-" polyglot): markup a browser would run, anywhere in the bytes.
MARKUP = re.compile(rb"<\s*(script|html|body|iframe|svg|object|embed)\b|javascript:", re.IGNORECASE)
MAX_OBJECTS = 200_000  # a bound on the walk, so a crafted file cannot keep a worker busy


class Unreadable(ValueError):
    """The file is not a PDF that can be read."""


def active_content(file: IO[bytes]) -> list[str]:
    """The kinds of active content found in FILE (a PDF); raises Unreadable when it is no readable PDF."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    position = file.tell()
    file.seek(0)
    raw = file.read()
    file.seek(0)
    found_markup = ["web page markup"] if MARKUP.search(raw) else []
    try:
        reader = PdfReader(file, strict=False)
        roots: list[Any] = [reader.trailer]
        found: set[str] = set()
        seen: set[tuple[int, int]] = set()
        walked = 0
        while roots:
            node = roots.pop()
            walked += 1
            if walked > MAX_OBJECTS:
                raise Unreadable("too many objects")
            if isinstance(node, IndirectObject):
                key = (node.idnum, node.generation)
                if key in seen:
                    continue
                seen.add(key)
                node = node.get_object()
            if isinstance(node, DictionaryObject):
                for name, value in node.items():
                    if name in ACTIVE_NAMES:
                        found.add(ACTIVE_NAMES[name])
                    if name == "/S" and str(value) in ACTIVE_ACTIONS:
                        found.add(ACTIVE_ACTIONS[str(value)])
                    if name != "/Parent":
                        roots.append(value)
            elif isinstance(node, ArrayObject):
                roots.extend(node)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise Unreadable(str(error)) from error
    finally:
        file.seek(position)
    return sorted(found | set(found_markup))
