"""A term of five years from day D ends the day before D five years later (VNA 388/2024; #13 item 10):
29.2.2024 → 28.2.2029, 1.1.2025 → 31.12.2029. A shorter term is a warning; the calculator endpoint gives
the same end date."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance import compliance
from governance.parameters import term_end

D = datetime.date


@pytest.mark.parametrize(
    ("start", "years", "end"),
    [
        (D(2024, 2, 29), 5, D(2029, 2, 28)),
        (D(2025, 1, 1), 5, D(2029, 12, 31)),
        (D(2025, 4, 1), 5, D(2030, 3, 31)),
        (D(2024, 2, 29), 4, D(2028, 2, 28)),  # a leap year again: the day before 29.2.2028
        (D(2023, 3, 1), 5, D(2028, 2, 29)),  # the day before 1.3.2028 is the leap day
    ],
)
def test_a_term_ends_the_day_before_the_anniversary(start, years, end):
    assert term_end(start, years) == end


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)), st.integers(min_value=1, max_value=10))
def test_the_next_term_starts_on_the_anniversary(start, years):
    following = term_end(start, years) + datetime.timedelta(days=1)
    assert (following.month, following.day) in {(start.month, start.day), (3, 1)}
    assert following.year == start.year + years


def test_a_shorter_term_is_a_warning_and_the_full_one_is_not(group_world):
    group = group_world.group
    assert not [f for f in compliance.evaluate(group) if f.rule == "SG-TERM-SHORT"]
    group.term_end = D(2029, 12, 31)
    group.save()
    [finding] = [f for f in compliance.evaluate(group) if f.rule == "SG-TERM-SHORT"]
    assert finding.severity == "warning"


@pytest.mark.parametrize(
    ("query", "status", "end"),
    [
        ({"kind": "term", "date": "2024-02-29"}, 200, "2029-02-28"),
        ({"kind": "term", "date": "2025-01-01", "years": "5"}, 200, "2029-12-31"),
        ({"kind": "term", "date": "2025-01-01", "years": "0"}, 400, None),
        ({"kind": "term", "date": "9999-01-01"}, 400, None),
    ],
)
def test_the_endpoint_computes_a_term(client, db, query, status, end):
    response = client.get("/api/v1/deadlines/", query)
    assert response.status_code == status
    if end:
        assert response.json()["end_date"] == end
