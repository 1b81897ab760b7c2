"""The agreement's own rules (agreement §§ 11–12)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreements import terms

D = datetime.date


@pytest.mark.parametrize(
    ("delivered", "ends"),
    [
        (D(2025, 6, 30), D(2025, 12, 31)),  # DOMAIN.md
        (D(2025, 7, 1), D(2026, 12, 31)),  # DOMAIN.md
        (D(2025, 1, 1), D(2025, 12, 31)),
        (D(2025, 12, 31), D(2026, 12, 31)),
        (D(2028, 2, 29), D(2028, 12, 31)),  # leap day, first half
        (D(2025, 6, 28), D(2025, 12, 31)),  # a Saturday counts on its own date
        (D(2026, 6, 20), D(2026, 12, 31)),  # a Saturday before Midsummer, still the first half
    ],
)
def test_the_half_year_rule(delivered, ends):
    assert terms.termination_end_date(delivered) == ends


@given(st.dates(min_value=D(2024, 1, 1), max_value=D(2060, 12, 31)))
def test_an_agreement_always_ends_on_the_last_day_of_a_year_at_least_six_months_later(day):
    end = terms.termination_end_date(day)
    assert (end.month, end.day) == (12, 31)
    assert end.year in (day.year, day.year + 1)
    assert (end - day).days >= 183


def test_the_last_delivery_decides_when_dates_differ():
    assert terms.notice_delivered_on([D(2025, 6, 27), D(2025, 7, 2), D(2025, 6, 30)]) == D(2025, 7, 2)


def test_a_notice_not_yet_delivered_to_everyone_has_no_date():
    assert terms.notice_delivered_on([D(2025, 6, 27), None]) is None


@pytest.mark.parametrize(
    ("requested", "day_60", "court"),
    [
        (D(2025, 4, 2), D(2025, 6, 1), D(2025, 6, 2)),  # day 60 is a Sunday: not shifted
        (D(2024, 1, 1), D(2024, 3, 1), D(2024, 3, 2)),  # across 29 February
        (D(2025, 1, 1), D(2025, 3, 2), D(2025, 3, 3)),
    ],
)
def test_day_60_and_the_first_day_for_court(requested, day_60, court):
    assert terms.negotiation_day_60(requested) == day_60
    assert terms.court_from(requested) == court


def test_in_force_from_the_last_signature_of_all_parties():
    assert terms.in_force_from({"A": [D(2025, 4, 3), D(2025, 4, 7)], "B": [D(2025, 4, 10)]}) == D(2025, 4, 10)
    assert terms.in_force_from({"A": [D(2025, 4, 3)], "B": [None]}) is None
    assert terms.in_force_from({}) is None
