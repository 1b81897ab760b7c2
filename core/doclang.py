"""The language of an official document (#28 item 4): a body's minutes, extracts and agreements are in
the body's official language (Finnish or Swedish; a bilingual body's documents in either), whatever
language the reader's interface is in. English is offered only as an unofficial translation, marked
so on every page and wholly in English where the text is ours. The one place a document's language is
switched on: `active`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils import translation

# The languages a municipal body's documents can be official in (Kielilaki 423/2003 § 1, § 5).
OFFICIAL = ("fi", "sv")
# The one unofficial rendering offered: a translation for readers without Finnish or Swedish.
UNOFFICIAL = "en"


@dataclass(frozen=True)
class DocumentLanguage:
    code: str  # the language the document is rendered in
    official: bool  # False: an unofficial translation (English)
    official_languages: tuple[str, ...]  # the body's official languages, its main language first

    @property
    def main(self) -> str:
        """The language the official document is in (what an unofficial translation points to)."""
        return self.official_languages[0]

    @property
    def alternatives(self) -> list[str]:
        """The other renderings a reader may ask for: the other official language, then English."""
        offered = [*self.official_languages, UNOFFICIAL]
        return [code for code in offered if code != self.code]


def choose(official: Sequence[str], asked: str | None = None) -> DocumentLanguage:
    """The document's language: ASKED when it is one of the body's OFFICIAL languages, English as an
    unofficial translation when asked for, otherwise the body's main official language. The reader's
    interface language is never consulted."""
    languages = tuple(code for code in official if code in OFFICIAL) or ("fi",)
    if asked in languages:
        return DocumentLanguage(str(asked), True, languages)
    if asked == UNOFFICIAL:
        return DocumentLanguage(UNOFFICIAL, False, languages)
    return DocumentLanguage(languages[0], True, languages)


@contextmanager
def active(language: DocumentLanguage) -> Iterator[DocumentLanguage]:
    """Build and render a document inside this block: every heading, label, date and computed sentence
    comes out in LANGUAGE, not in the reader's."""
    with translation.override(language.code):
        yield language
