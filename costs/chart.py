"""A server-rendered bar chart of each party's share and payment, the same in the page and the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WIDTH, LABEL, ROW, TOP = 720, 230, 34, 10


@dataclass
class Bar:
    y: int
    label: str
    share_width: float
    paid_width: float
    share: Decimal
    paid: Decimal


def bars(parties) -> dict:
    largest = max([max(p.share, p.paid) for p in parties] + [Decimal("0.01")])
    scale = (WIDTH - LABEL - 90) / float(largest)
    rows = [
        Bar(
            TOP + i * ROW, str(p.organisation), float(p.share) * scale, float(p.paid) * scale, p.share, p.paid
        )
        for i, p in enumerate(parties)
    ]
    return {"width": WIDTH, "height": TOP + len(rows) * ROW + 24, "label": LABEL, "bars": rows}
