"""Numbers and roles that come from the decree, kept as data with defaults (DOMAIN.md): the secretary
can record a new set when the law changes, and every rule reads the set in force on the day."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from organisations.models import OrganisationKind


@dataclass(frozen=True)
class Parameters:
    term_years: int
    chair_named_by: str
    vice_chair_named_by: str
    source: str


# Government Decree 388/2024: the steering group is set up for five years at a time; the employment
# authority names the chair and the wellbeing services county the vice-chair.
DEFAULTS = Parameters(
    term_years=5,
    chair_named_by=OrganisationKind.EMPLOYMENT_AUTHORITY,
    vice_chair_named_by=OrganisationKind.WELLBEING_COUNTY,
    source="VNA 388/2024",
)


def in_force_among(rows: list[Any], day: datetime.date) -> Parameters:
    """The set in force on DAY among ROWS, every recorded set newest first (one query for many days):
    the latest that took effect on or before DAY, else the decree's defaults."""
    return _as_parameters(next((row for row in rows if row.valid_from <= day), None))


def _as_parameters(row: Any) -> Parameters:
    if row is None:
        return DEFAULTS
    return Parameters(row.term_years, row.chair_named_by, row.vice_chair_named_by, row.source)


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def term_end(start: datetime.date, years: int) -> datetime.date:
    """The last day of a term of YEARS beginning on START: the day before START's date YEARS later
    (VNA 388/2024: "viideksi vuodeksi kerrallaan"). 1.1.2025 → 31.12.2029; 29.2.2024 → 28.2.2029, as
    a year without 29 February has its anniversary on 1 March (#13)."""
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # 29 February, and the target year has none
        anniversary = datetime.date(start.year + years, 3, 1)
    return anniversary - datetime.timedelta(days=1)
