"""The search in every page's header (#29 item 5): one box over decisions, meetings, bodies, agreements,
people and documents, forgiving missing umlauts and Finnish inflection, its hits grouped by kind.

Each app finds its own records (`@finds` in its search.py), reading them through its own access.py, so
a reader never sees what lies outside their rights or cooperations, and this app imports none of ours.

How text is matched, the same on both databases:
- PostgreSQL: the `tym_finnish` text search configuration (core migration 0006): `unaccent`, then the
  Finnish stemmer, so "johtoryhma" finds "johtoryhmän" and "sopimuksesta" finds "sopimuksen".
  Names and other short fields: unaccent(lower(field)) containing the folded stem of each word.
- SQLite (the embedded default): the same folding in Python (`tym_fold`, registered on each
  connection), and each word's crude stem (a Finnish case ending taken off) as a substring.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Func, Q, QuerySet, TextField
from django.db.models.lookups import Contains
from django.http import HttpRequest
from django.utils.functional import Promise

from core.registries import failed

log = logging.getLogger(__name__)

TEXT_CONFIG = "tym_finnish"  # PostgreSQL: unaccent + finnish_stem (core/migrations/0006_finnish_search.py)
MAX_WORDS = 6
PER_KIND = 10  # hits shown for each kind; the rest is "more" (the kind's own list searches further)
MIN_STEM = 4

# Finnish case and possessive endings, longest first: "sopimuksesta" → "sopimukse", "jämsän" → "jämsä".
# A crude stem is enough for a substring match on SQLite; PostgreSQL uses the Snowball stemmer.
ENDINGS = sorted(
    {
        "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "tta", "ttä",
        "ineen", "iden", "jen", "ien", "ille", "illa", "issa", "ista", "iin",
        "na", "nä", "ta", "tä", "en", "in", "an", "än", "on", "ön", "un", "yn",
        "n", "a", "ä", "t", "i",
    },
    key=len,
    reverse=True,
)  # fmt: skip
SECTION = re.compile(r"§?\s*(\d{1,4})\s*/\s*((?:19|20|21)\d\d)\b")
DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20|21)\d\d)\b")
WORD = re.compile(r"[\w-]+", re.UNICODE)


def fold(text: str) -> str:
    """TEXT in lower case without diacritics: "Jämsä" → "jamsa", "Åbo" → "abo" (PostgreSQL's unaccent
    maps these letters the same way)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    """WORD folded, with one Finnish ending taken off while at least MIN_STEM letters remain."""
    word = word.lower()
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return fold(word[: -len(ending)])
    return fold(word)


@dataclass(frozen=True)
class Query:
    """What the reader typed, read once: the text, its words, and a section such as "§ 16/2025"."""

    text: str
    words: tuple[str, ...]
    section: tuple[int, int] | None = None  # (number, year)
    date: tuple[int, int, int] | None = None  # (day, month, year)

    @property
    def stems(self) -> tuple[str, ...]:
        return tuple(stem(word) for word in self.words)


def parse(text: str) -> Query:
    text = " ".join(text.split())[:200]
    section = None
    rest = text
    if found := SECTION.search(text):
        section = (int(found.group(1)), int(found.group(2)))
        rest = text[: found.start()] + " " + text[found.end() :]
    date = None
    if found := DATE.search(rest):
        date = (int(found.group(1)), int(found.group(2)), int(found.group(3)))
        rest = rest[: found.start()] + " " + rest[found.end() :]
    words = tuple(w.strip("-") for w in WORD.findall(rest) if len(w.strip("-")) >= 2)[:MAX_WORDS]
    return Query(text, words, section, date)


class Folded(Func):
    """unaccent(lower(EXPRESSION)) on PostgreSQL, tym_fold(EXPRESSION) on SQLite: see fold()."""

    function = "tym_fold"
    output_field = TextField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="unaccent(lower(%(expressions)s))", **extra)


def register_sqlite_fold(sender: Any, connection: Any, **kwargs: Any) -> None:
    """connection_created: give SQLite the fold() that PostgreSQL's unaccent(lower()) does."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "tym_fold", 1, lambda value: None if value is None else fold(str(value)), deterministic=True
        )


def words_in(fields: Iterable[str], query: Query) -> Q:
    """Each word's stem found, folded, in one of FIELDS (short fields: names, titles, places)."""
    condition = Q()
    fields = tuple(fields)
    for word_stem in query.stems:
        either = Q()
        for field in fields:
            either |= Q(Contains(Folded(field), word_stem))
        condition &= either
    return condition


def text_matching(queryset: QuerySet[Any], fields: tuple[str, ...], query: Query | str) -> QuerySet[Any]:
    """QUERYSET's rows whose long texts in FIELDS match the words: on PostgreSQL by the Finnish text
    search without accents (an index on the same expression can answer it), else words_in()."""
    query = parse(query) if isinstance(query, str) else query
    if not query.words:
        return queryset
    if connection.vendor == "postgresql":
        searched = SearchQuery(" ".join(query.words), config=TEXT_CONFIG, search_type="websearch")
        annotated: QuerySet[Any] = queryset.annotate(found=SearchVector(*fields, config=TEXT_CONFIG))
        return annotated.filter(found=searched)
    return queryset.filter(words_in(fields, query))


@dataclass(frozen=True)
class Hit:
    text: str
    link: str
    detail: str = ""


@dataclass(frozen=True)
class Group:
    code: str
    label: Promise | str
    hits: list[Hit]
    more: str = ""  # a link to the kind's own list, searching further, when there were more hits


Finder = Callable[[HttpRequest, Query], Group | None]
_FINDERS: dict[str, tuple[int, Finder]] = {}


def finds(code: str, *, order: int) -> Callable[[Finder], Finder]:
    """Register FINDER(request, query) for the header search: it returns its kind's Group (at most
    PER_KIND hits, read within the reader's rights by its own app's access.py) or None."""

    def register(finder: Finder) -> Finder:
        _FINDERS[code] = (order, finder)
        return finder

    return register


def search(request: HttpRequest, text: str) -> list[Group]:
    """Every kind's hits for TEXT in the finders' order; a finder that fails is raised in development
    and tests and in production logged and left out (core.registries)."""
    query = parse(text)
    if not query.words and query.section is None and query.date is None:
        return []
    groups = []
    for code, (_order, finder) in sorted(_FINDERS.items(), key=lambda entry: entry[1][0]):
        try:
            group = finder(request, query)
        except Exception as error:
            failed(error, log, "search of %s failed", code)
            continue
        if group is not None and group.hits:
            groups.append(group)
    return groups
