"""Sharing a development day's costs (cooperation agreement § 9): the parties share the costs of
joint development days in proportion to the number of people each registered.

Exact to the cent by the largest-remainder method: each party first gets its exact share rounded
down to the cent; the cents left over go one each to the parties with the largest remainders.
Ties are broken deterministically: larger remainder first, then more registrations, then the key in
sorted order, so the result does not depend on the order the parties are given in.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

CENT = Decimal("0.01")
# What a cost item can hold (12 digits, 2 decimals); larger totals are refused, not overflowed.
MAX_TOTAL = Decimal("9999999999.99")
MAX_COUNT = 1_000_000


class SplitError(ValueError):
    """The input cannot be split (the message is shown to the user)."""


def allocate(total: Decimal, counts: dict[str, int]) -> dict[str, Decimal]:
    """Split TOTAL among COUNTS' keys in proportion to their counts; the parts sum exactly to TOTAL."""
    from django.utils.translation import gettext as _

    if not isinstance(total, Decimal):
        raise SplitError(_("The total must be a decimal amount."))
    if not total.is_finite() or total < 0:
        raise SplitError(_("The total cannot be negative."))
    if total > MAX_TOTAL:
        raise SplitError(_("The total is too large: at most %(max)s €.") % {"max": MAX_TOTAL})
    if total != total.quantize(CENT):
        raise SplitError(_("The total can have at most two decimals (cents)."))
    if any(count < 0 for count in counts.values()):
        raise SplitError(_("A number of registrations cannot be negative."))
    if any(count > MAX_COUNT for count in counts.values()):
        raise SplitError(_("A number of registrations is too large."))
    people = sum(counts.values())
    if people == 0:
        raise SplitError(_("Nobody has registered: the costs cannot be shared."))

    cents = int(total / CENT)
    floors: dict[str, int] = {}
    remainders: dict[str, int] = {}
    for key, count in counts.items():
        # Integer arithmetic in cents: exact share = cents * count / people.
        floors[key], remainders[key] = divmod(cents * count, people)
    left = cents - sum(floors.values())
    order = sorted(counts, key=lambda key: (-remainders[key], -counts[key], str(key)))
    for key in order[:left]:
        floors[key] += 1
    return {key: (Decimal(floors[key]) * CENT).quantize(CENT, rounding=ROUND_FLOOR) for key in counts}


def settle(shares: dict[str, Decimal], paid: dict[str, Decimal]) -> list[tuple[str, str, Decimal]]:
    """Who invoices whom: (debtor, creditor, amount) so that everyone ends up paying exactly its share.

    A party that paid more than its share is owed the difference; debts are matched to credits
    largest first (ties by key), which needs at most n - 1 invoices.
    """
    keys = set(shares) | set(paid)
    balance = {k: shares.get(k, Decimal(0)) - paid.get(k, Decimal(0)) for k in keys}
    debtors = sorted(((b, k) for k, b in balance.items() if b > 0), key=lambda x: (-x[0], str(x[1])))
    creditors = sorted(((-b, k) for k, b in balance.items() if b < 0), key=lambda x: (-x[0], str(x[1])))
    debt = [amount for amount, _key in debtors]  # what each debtor still owes
    credit = [amount for amount, _key in creditors]  # what each creditor is still owed
    transfers: list[tuple[str, str, Decimal]] = []
    d = c = 0
    while d < len(debtors) and c < len(creditors):
        amount = min(debt[d], credit[c])
        transfers.append((debtors[d][1], creditors[c][1], amount))
        debt[d] -= amount
        credit[c] -= amount
        if debt[d] == 0:
            d += 1
        if credit[c] == 0:
            c += 1
    return transfers
