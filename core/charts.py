"""Server-rendered horizontal bar charts, grouped: the same SVG in the portal and in the PDFs
(templates/includes/bar_chart.html). Bars are drawn from the data and every figure is also in a table
beside the chart, so the chart is never the only way to read a value."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats

PALETTE = ["#0b4fa3", "#1d6b2f", "#7a4a00", "#6b2d8f", "#b00020", "#00707a"]
WIDTH, LABEL, BAR, GAP, TOP = 720, 200, 14, 6, 26


@dataclass
class Bar:
    label: str
    value: Decimal | None
    colour: str
    y: int = 0
    width: float = 0.0
    text: str = ""


@dataclass
class Group:
    label: str
    bars: list[Bar]
    y: int = 0


@dataclass
class Chart:
    title: str
    description: str
    groups: list[Group]
    legend: list[tuple[str, str]] = field(default_factory=list)
    width: int = WIDTH
    height: int = 0
    label_width: int = LABEL
    ident: str = "chart"


def build(
    ident: str,
    title: str,
    description: str,
    groups: list[tuple[str, list[tuple[str, Decimal | None]]]],
    unit: str = "",
) -> Chart:
    series = []
    for _, bars in groups:
        for name, _value in bars:
            if name not in series:
                series.append(name)
    colours = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(series)}
    values = [v for _, bars in groups for _, v in bars if v is not None]
    largest = max([float(v) for v in values] + [1.0])
    scale = (WIDTH - LABEL - 80) / largest
    y = TOP
    built = []
    for label, bars in groups:
        group = Group(label, [], y)
        y += 16
        for name, value in bars:
            text = "–" if value is None else _figure(value, unit)
            group.bars.append(
                Bar(
                    name,
                    value,
                    colours[name],
                    y,
                    0 if value is None else max(0.0, float(value) * scale),
                    text,
                )
            )
            y += BAR + 2
        built.append(group)
        y += GAP
    return Chart(title, description, built, list(colours.items()), height=y + 10, ident=ident)


def _figure(value: Decimal | int | float, unit: str) -> str:
    """The value as the page's language writes it (1 234,50 in Finnish), with its unit."""
    shown = formats.number_format(value, use_l10n=True, force_grouping=True)
    return f"{shown} {unit}" if unit else shown
