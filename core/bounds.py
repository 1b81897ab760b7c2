"""The one range every date and year a person or a file gives must fall in. Far dates broke shared
pages and the daily job (#14): a dispute requested on 9999-12-31 overflowed every computation after it.
Installed on every form and model date field by CoreConfig.ready(), and as the `year` URL converter."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2100, 12, 31)


def date_in_range(value: datetime.date | None) -> bool:
    if value is None:
        return True
    if isinstance(value, datetime.datetime):
        value = value.date()
    return EARLIEST <= value <= LATEST


def validate_date(value: datetime.date | None) -> None:
    if not date_in_range(value):
        raise ValidationError(
            _("Give a date between %(first)s and %(last)s."),
            code="date_out_of_range",
            params={"first": EARLIEST.strftime("%d.%m.%Y"), "last": LATEST.strftime("%d.%m.%Y")},
        )


def year_in_range(year: int) -> bool:
    return EARLIEST.year <= year <= LATEST.year


class YearConverter:
    """<year:year> in a URL: four digits within the range, else the URL does not match (404)."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not year_in_range(year):
            raise ValueError(value)
        return year

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"
