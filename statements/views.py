"""The statement pages (statements.models.StatementPage), public and linked from every footer: the
accessibility statement (Act 306/2019 § 15) and the privacy notice (GDPR Art. 13-14)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from statements.models import StatementPage


@dataclass(frozen=True)
class Block:
    kind: str  # "h2", "p" or "ul"
    text: str = ""
    items: tuple[str, ...] = ()


def blocks(text: str) -> list[Block]:
    """TEXT as headings, paragraphs and lists: a blank line separates blocks, "## " starts a heading
    and "- " a list item. Nothing in it is markup: the template escapes every word."""
    result = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## ") and len(lines) == 1:
            result.append(Block("h2", lines[0][3:].strip()))
        elif all(line.startswith("- ") for line in lines):
            result.append(Block("ul", items=tuple(line[2:].strip() for line in lines)))
        else:
            result.append(Block("p", " ".join(lines)))
    return result


def _page(request: HttpRequest, kind: str) -> HttpResponse:
    statement = StatementPage.objects.filter(kind=kind).first()
    if statement is None:
        raise Http404
    title, body, language = statement.in_language(translation.get_language() or "fi")
    context = {"statement": statement, "title": title, "blocks": blocks(body), "text_language": language}
    return render(request, "statements/statement.html", context)


def accessibility(request: HttpRequest) -> HttpResponse:
    return _page(request, StatementPage.Kind.ACCESSIBILITY)


def privacy(request: HttpRequest) -> HttpResponse:
    return _page(request, StatementPage.Kind.PRIVACY)
