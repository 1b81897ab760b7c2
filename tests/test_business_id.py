import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from organisations import business_id

WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def test_the_wellbeing_counties_and_kela_pass_as_written_in_the_agreement():
    for value in ("3221318-2", "3221308-6", "0246246-0"):
        assert business_id.is_valid(value)


def test_jamsas_business_id_as_written_in_the_agreement_fails_its_check_digit():
    # 1·7 + 0·9 + 6·10 + 8·5 + 3·8 + 6·4 + 6·2 = 167; 167 mod 11 = 2; check digit 9, not 0.
    assert not business_id.is_valid("1068366-0")


def test_it_refuses_a_wrong_check_digit_with_a_message_naming_it():
    with pytest.raises(ValidationError) as info:
        business_id.validate_business_id("1234567-2")
    assert info.value.code == "business_id_checksum"


@pytest.mark.parametrize("value", ["123456-7", "12345678-9", "abcdefg-h", "1234567"])
def test_it_refuses_what_is_not_a_business_id(value):
    with pytest.raises(ValidationError):
        business_id.validate_business_id(value)


def test_it_writes_a_valid_id_in_the_canonical_form():
    assert business_id.normalise(" 02462460 ") == "0246246-0"


def test_an_empty_value_is_not_valid():
    assert not business_id.is_valid("")


@given(st.lists(st.integers(0, 9), min_size=7, max_size=7))
def test_exactly_the_check_digit_of_the_rule_passes_unless_remainder_is_one(digits):
    # The rule: r = sum of digit × weight mod 11; r = 0 → 0; r = 1 → no valid ID; else 11 − r.
    r = sum(d * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
    body = "".join(map(str, digits))
    passing = [c for c in range(10) if business_id.is_valid(f"{body}-{c}")]
    if r == 1:
        assert passing == []
    else:
        assert passing == [0 if r == 0 else 11 - r]
