"""Appeal deadlines (Act 150/1930; Hallintolaki § 59; Act 13/2003 § 19; Kuntalaki §§ 137, 138, 140)."""

import datetime

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from decisions import deadlines

D = datetime.date


@pytest.mark.parametrize(
    ("method", "date", "receipt", "last"),
    [
        # DOMAIN.md's worked example from decision § 16/2025
        ("publication", D(2025, 3, 26), D(2025, 4, 2), D(2025, 4, 16)),
        ("email", D(2025, 4, 2), D(2025, 4, 5), D(2025, 4, 22)),
        ("letter", D(2025, 4, 2), D(2025, 4, 9), D(2025, 4, 23)),
        ("received", D(2025, 4, 2), D(2025, 4, 2), D(2025, 4, 16)),
    ],
)
def test_the_worked_example_of_the_source(method, date, receipt, last):
    result = deadlines.compute("rectification", method, date)
    assert result.deemed_receipt == receipt
    assert result.last_day == last


def test_a_deemed_receipt_on_a_saturday_does_not_move():
    # E-mail sent Wed 2.4.2025 is deemed received Sat 5.4.2025, and it stays there.
    assert deadlines.deemed_receipt("email", D(2025, 4, 2)) == D(2025, 4, 5)


def test_the_court_appeal_period_is_thirty_days():
    assert deadlines.compute("court_appeal", "received", D(2025, 3, 3)).last_day == D(2025, 4, 2)


def test_the_reasoning_names_each_day_it_passes_over():
    from django.utils import translation

    with translation.override("en"):
        steps = deadlines.compute("rectification", "email", D(2025, 4, 2)).steps
    text = " ".join(steps)
    assert "19.4.2025" in text
    assert "Easter Sunday" in text
    assert "Easter Monday" in text
    assert "22.4.2025" in steps[-1]


def test_the_reasoning_is_in_finnish_with_finnish_holiday_names():
    from django.utils import translation

    with translation.override("fi"):
        text = " ".join(deadlines.compute("rectification", "email", D(2025, 4, 2)).steps)
    assert "Toinen pääsiäispäivä" in text
    assert "tiistai 22.4.2025" in text


def test_the_reasoning_is_in_swedish_with_swedish_holiday_names():
    from django.utils import translation

    with translation.override("sv"):
        text = " ".join(deadlines.compute("rectification", "email", D(2025, 4, 2)).steps)
    assert "Annandag påsk" in text


HOLIDAYS = sorted(holidays.country_holidays("FI", years=range(2024, 2031)).items())


@pytest.mark.parametrize(("holiday", "name"), HOLIDAYS, ids=[f"{d}-{n}" for d, n in HOLIDAYS])
def test_a_last_day_on_any_holiday_moves_to_the_next_weekday(holiday, name):
    receipt = holiday - datetime.timedelta(days=14)
    last = deadlines.last_day("rectification", receipt)
    assert last > holiday
    assert deadlines.is_deadline_day(last)
    day = holiday
    while day < last:
        assert not deadlines.is_deadline_day(day)
        day += datetime.timedelta(days=1)


@pytest.mark.parametrize(
    "day",
    [
        D(2025, 6, 20),  # Midsummer Eve
        D(2025, 12, 24),  # Christmas Eve
        D(2025, 12, 6),  # Independence Day (a Saturday that year, too)
        D(2026, 5, 1),  # May Day
        D(2024, 11, 2),  # All Saints' Day (a Saturday)
    ],
)
def test_the_days_the_act_names_are_not_deadline_days(day):
    assert not deadlines.is_deadline_day(day)


def test_an_ordinary_saturday_is_not_a_deadline_day_but_a_friday_is():
    assert not deadlines.is_deadline_day(D(2025, 4, 12))
    assert deadlines.is_deadline_day(D(2025, 4, 11))


dates = st.dates(min_value=D(2024, 1, 1), max_value=D(2030, 12, 31))


# The law's numbers, written here from the statutes rather than read from the code under test:
# deemed receipt (Hallintolaki § 59, Kuntalaki §§ 139-140, Act 13/2003 § 19; a proven receipt counts as
# it is) and the periods (Kuntalaki § 138: 14 days to claim rectification; Act 808/2019 § 13: either
# court appeal, municipal or under a special act, 30 days).
DEEMED_RECEIPT_DAYS = {"letter": 7, "email": 3, "publication": 7, "received": 0}
# Kuntalaki § 138; Act 808/2019 § 13; Hallintolaki § 49 c (the claim a special act requires first).
PERIOD_DAYS = {"rectification": 14, "municipal_appeal": 30, "court_appeal": 30, "admin_rectification": 30}


@given(dates, st.sampled_from(list(deadlines.Method)), st.sampled_from(list(deadlines.Kind)))
def test_a_last_day_is_never_a_saturday_sunday_or_holiday_nor_before_day_n(date, method, kind):
    result = deadlines.compute(kind, method, date)
    assert result.last_day.weekday() < 5
    assert result.last_day not in holidays.country_holidays("FI", years=result.last_day.year)
    day_n = date + datetime.timedelta(days=DEEMED_RECEIPT_DAYS[method] + PERIOD_DAYS[kind])
    assert result.last_day >= day_n
    # ... and it is the first day from day N on which an office is open (Act 150/1930 § 5).
    finnish = holidays.country_holidays("FI", years=[day_n.year, day_n.year + 1])
    first_open = day_n
    while first_open.weekday() >= 5 or first_open in finnish:
        first_open += datetime.timedelta(days=1)
    assert result.last_day == first_open
    # It moves at most past a long holiday weekend (Easter: Fri–Mon, Christmas Eve–Boxing Day and a weekend).
    assert (result.last_day - result.nominal_last_day).days <= 5


@given(dates, st.sampled_from(list(deadlines.Method)))
def test_a_deemed_receipt_never_moves(date, method):
    expected = date + datetime.timedelta(days=DEEMED_RECEIPT_DAYS[method])
    assert deadlines.deemed_receipt(method, date) == expected


def test_a_computation_is_worked_out_once_but_each_caller_gets_its_own_copy_in_its_language():
    from django.utils import translation

    from decisions import deadlines

    day = datetime.date(2025, 4, 3)
    first = deadlines.compute("municipal_appeal", "publication", day)
    first.steps.append("changed by a caller")
    again = deadlines.compute("municipal_appeal", "publication", day)
    assert again.last_day == first.last_day
    assert "changed by a caller" not in again.steps
    with translation.override("sv"):
        swedish = deadlines.compute("municipal_appeal", "publication", day)
    assert swedish.steps != again.steps


# #28: consent not recorded gives no deemed receipt; no court appeal is counted from publication.


@given(method=st.sampled_from(list(deadlines.Method)), consent=st.sampled_from(["yes", "no", "unknown", ""]))
def test_only_a_recorded_consent_gives_an_email_a_deemed_receipt(method, consent):
    # Act 13/2003 § 19: ordinary electronic service is deemed received on the 3rd day only with consent.
    assert deadlines.no_deemed_receipt(method, consent) == (method == "email" and consent != "yes")


@given(kind=st.sampled_from(list(deadlines.Kind)), method=st.sampled_from(list(deadlines.Method)))
def test_only_a_court_appeal_or_its_claim_from_publication_is_refused(kind, method):
    # Municipal members have no standing in an appeal under a special act (Act 808/2019 § 7), nor in
    # the rectification claim it requires first (Hallintolaki § 49 b (2)).
    refused = deadlines.refused(kind, method) is not None
    assert refused == (kind in ("court_appeal", "admin_rectification") and method == "publication")
