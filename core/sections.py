"""A page of a lower app that shows what higher apps hold about its object (the area page shows the
area's steering groups, agreements and bodies) without importing them: each higher app contributes a
section here, registered in its AppConfig.ready, and the page renders the sections in their order."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from core.registries import failed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Section:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


Provider = Callable[[HttpRequest, Any], Section | None]
_PROVIDERS: dict[str, dict[str, tuple[int, Provider]]] = {}


def contributes(page: str, *, order: int) -> Callable[[Provider], Provider]:
    """Register PROVIDER(request, obj) as a section of PAGE; lower ORDER comes first."""

    def register(provider: Provider) -> Provider:
        name = f"{provider.__module__}.{provider.__qualname__}"
        _PROVIDERS.setdefault(page, {})[name] = (order, provider)
        return provider

    return register


def sections(page: str, request: HttpRequest, obj: Any) -> list[Section]:
    """PAGE's sections for OBJ in their order; one that fails is raised in development and tests, and
    in production logged and left out while the others show (core.registries)."""
    found = []
    for _order, provider in sorted(_PROVIDERS.get(page, {}).values(), key=lambda entry: entry[0]):
        try:
            section = provider(request, obj)
        except Exception as error:
            failed(
                error,
                log,
                "section of %s from %s.%s failed",
                page,
                provider.__module__,
                provider.__qualname__,
            )
            continue
        if section is not None:
            found.append(section)
    return found


# Rows several apps add to one list of a lower app's page, e.g. the front page's "changed since your
# last visit": each provider returns its rows (any objects the page knows how to show). A failing one
# is treated as a failing section: raised in development and tests, in production logged while the
# others' rows still show.

ListProvider = Callable[[HttpRequest, Any], list[Any]]
_LISTS: dict[str, dict[str, ListProvider]] = {}


def adds_rows(page: str) -> Callable[[ListProvider], ListProvider]:
    def register(provider: ListProvider) -> ListProvider:
        _LISTS.setdefault(page, {})[f"{provider.__module__}.{provider.__qualname__}"] = provider
        return provider

    return register


def rows(page: str, request: HttpRequest, obj: Any) -> list[Any]:
    found: list[Any] = []
    for name, provider in sorted(_LISTS.get(page, {}).items()):
        try:
            found.extend(provider(request, obj))
        except Exception as error:
            failed(error, log, "rows of %s from %s failed", page, name)
    return found


@dataclass(frozen=True)
class Change:
    """One change to a record since the reader's last visit (read from its history)."""

    at: Any  # datetime
    text: str
    link: str
    by: str = ""
    # Changes of one kind to one record are one line on the front page ("17 seats added to the
    # steering group", #29 item 3): the key they share, and the line for a number of them.
    alike: str = ""
    summary: Callable[[int], str] | None = None


@dataclass
class ChangeLine:
    """A line of the front page's changes: one change, or several alike summarised."""

    at: Any  # the newest
    text: str
    link: str
    by: str = ""
    details: list[Change] = field(default_factory=list)  # the changes summarised, newest first


def summarise(changes: list[Change]) -> list[ChangeLine]:
    """CHANGES (newest first) as lines: those alike become one line where the newest of them stood,
    saying how many there were; a kind that happened once keeps its own words."""
    lines: list[ChangeLine] = []
    alike: dict[str, ChangeLine] = {}
    for change in changes:
        line = alike.get(change.alike) if change.alike else None
        if line is None:
            line = ChangeLine(change.at, change.text, change.link, change.by, [change])
            lines.append(line)
            if change.alike and change.summary:
                alike[change.alike] = line
        else:
            line.details.append(change)
    for line in lines:
        first = line.details[0]
        if len(line.details) > 1 and first.summary:
            line.text = first.summary(len(line.details))
            line.by = ", ".join(sorted({c.by for c in line.details if c.by}))
        else:
            line.details = []
    return lines


@dataclass(frozen=True)
class Found:
    """A search hit an app above adds to the search page (e.g. an archived document)."""

    text: str
    link: str
    detail: str = ""
