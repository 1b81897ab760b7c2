"""Clients per full-time equivalent: the figure the steering group follows when it assesses whether
staffing is adequate (Act 381/2023 § 9; agreement § 6). A ratio with no FTE is None: shown as "no
staff reported", never a division by zero."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from core.queries import prefetched

if TYPE_CHECKING:
    from staffing.models import ClientLine, StaffingReview, StaffLine


def per_fte(clients: int, fte: Decimal) -> Decimal | None:
    if fte <= 0:
        return None
    return (Decimal(clients) / fte).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def change(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    if current is None or previous is None:
        return None
    return current - previous


@dataclass
class Row:
    label: str
    headcount: int
    fte: Decimal
    clients: int
    previous: Decimal | None = None

    @property
    def ratio(self) -> Decimal | None:
        return per_fte(self.clients, self.fte)

    @property
    def change(self) -> Decimal | None:
        return change(self.ratio, self.previous)


@dataclass
class Summary:
    total: Row
    by_party: list[Row]
    by_municipality: list[Row]


def _rows(
    staff: list[StaffLine],
    clients: list[ClientLine],
    key: Callable[[Any], int],
    label: Callable[[Any], str],
) -> dict[int, Row]:
    rows: dict[int, Row] = {}
    for line in staff:
        row = rows.setdefault(key(line), Row(label(line), 0, Decimal("0"), 0))
        row.headcount += line.headcount
        row.fte += line.fte
    for client_line in clients:
        row = rows.setdefault(key(client_line), Row(label(client_line), 0, Decimal("0"), 0))
        row.clients += client_line.clients
    return rows


def lines(review: StaffingReview, name: str) -> list[Any]:
    """REVIEW's staff_lines or client_lines with party and municipality: those prefetched with it
    (selectors.year, for every year at once) or read now."""
    manager = getattr(review, name)
    if prefetched(review, name):
        return list(manager.all())
    return list(manager.select_related("organisation", "municipality"))


def summarise(review: StaffingReview, previous_review: StaffingReview | None = None) -> Summary:
    staff = lines(review, "staff_lines")
    clients = lines(review, "client_lines")
    by_party = _rows(staff, clients, lambda x: x.organisation_id, lambda x: x.organisation.name_fi)
    by_municipality = _rows(staff, clients, lambda x: x.municipality_id, lambda x: x.municipality.name_fi)
    total = Row(
        "",
        sum(x.headcount for x in staff),
        sum((x.fte for x in staff), Decimal("0")),
        sum(x.clients for x in clients),
    )
    if previous_review is not None:
        before = summarise(previous_review)
        total.previous = before.total.ratio
        previous_parties = {r.label: r.ratio for r in before.by_party}
        for row in by_party.values():
            row.previous = previous_parties.get(row.label)
        previous_municipalities = {r.label: r.ratio for r in before.by_municipality}
        for row in by_municipality.values():
            row.previous = previous_municipalities.get(row.label)
    return Summary(
        total,
        sorted(by_party.values(), key=lambda r: r.label),
        sorted(by_municipality.values(), key=lambda r: r.label),
    )
