"""The development-day split (agreement § 9): exact to the cent, by the largest-remainder method."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from costs.split import SplitError, allocate, settle

totals = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("1000000.00"), places=2)
counts = st.dictionaries(st.text(min_size=1, max_size=4), st.integers(0, 500), min_size=1, max_size=8).filter(
    lambda c: sum(c.values()) > 0
)


@given(totals, counts)
def test_the_parts_sum_exactly_to_the_total(total, counts):
    assert sum(allocate(total, counts).values()) == total


@given(totals, counts)
def test_each_part_is_within_one_cent_of_its_exact_share(total, counts):
    people = sum(counts.values())
    for key, part in allocate(total, counts).items():
        exact = total * counts[key] / people
        assert abs(part - exact) < Decimal("0.01")


@given(totals, counts, st.randoms())
def test_the_result_does_not_depend_on_the_order_of_the_parties(total, counts, random):
    items = list(counts.items())
    random.shuffle(items)
    assert allocate(total, dict(items)) == allocate(total, counts)


@given(totals, counts)
def test_nobody_without_registrations_pays(total, counts):
    for key, part in allocate(total, counts).items():
        if counts[key] == 0:
            assert part == 0


def test_the_tie_rule_gives_the_cent_to_the_first_key_in_sorted_order():
    assert allocate(Decimal("100.00"), {"C": 1, "A": 1, "B": 1}) == {
        "C": Decimal("33.33"),
        "A": Decimal("33.34"),
        "B": Decimal("33.33"),
    }


def test_a_larger_remainder_wins_the_cent_before_the_key_order():
    # 1000 € for 3, 2 and 2 people: 428.571…, 285.714…, 285.714…; B and C have the larger remainder.
    assert allocate(Decimal("1000.00"), {"A": 3, "B": 2, "C": 2}) == {
        "A": Decimal("428.57"),
        "B": Decimal("285.72"),
        "C": Decimal("285.71"),
    }


@pytest.mark.parametrize(
    ("total", "counts"),
    [
        (Decimal("-1.00"), {"A": 1}),
        (Decimal("10.001"), {"A": 1}),
        (Decimal("10.00"), {"A": 0, "B": 0}),
        (Decimal("10.00"), {}),
        (Decimal("10.00"), {"A": -1, "B": 2}),
    ],
)
def test_it_refuses_what_cannot_be_split(total, counts):
    with pytest.raises(SplitError):
        allocate(total, counts)


def test_the_payer_invoices_the_others_their_shares():
    shares = {"A": Decimal("40.00"), "B": Decimal("35.00"), "C": Decimal("25.00")}
    assert settle(shares, {"A": Decimal("100.00")}) == [
        ("B", "A", Decimal("35.00")),
        ("C", "A", Decimal("25.00")),
    ]


@given(
    st.dictionaries(st.sampled_from("ABCDE"), st.integers(1, 50), min_size=2),
    st.dictionaries(st.sampled_from("ABCDE"), st.integers(1, 100000), min_size=1),
)
def test_after_settling_everyone_has_paid_exactly_its_share(counts, paid_cents):
    paid = {k: Decimal(v) / 100 for k, v in paid_cents.items()}
    total = sum(paid.values())
    shares = allocate(total, counts)
    balance = {k: paid.get(k, Decimal(0)) for k in set(shares) | set(paid)}
    for debtor, creditor, amount in settle(shares, paid):
        assert amount > 0
        balance[debtor] += amount
        balance[creditor] -= amount
    for key in balance:
        assert balance[key] == shares.get(key, Decimal(0))
