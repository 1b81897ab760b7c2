"""The cooperation agreement's own rules on its life, in one place (agreement §§ 11–12).

- In force immediately when all parties have signed (§ 11).
- Ends if Act 381/2023 and Decree 388/2024 are repealed (§ 11).
- Termination (§ 11): a notice delivered 1.1.–30.6. ends the agreement at the end of that calendar
  year; delivered 1.7.–31.12., at the end of the next calendar year. This is a contractual cut-off,
  not a statutory deadline: a delivery on a weekend or holiday counts on its own date.
  The notice "on toimitettava kirjallisesti kaikille sopijaosapuolille": it is given when it has been
  delivered to every other party, so where delivery dates differ the LAST delivery decides.
- Amendments are void unless signed by every party (§ 11).
- Disputes (§ 12): negotiation first; if no agreement within 60 days of the written negotiation
  request, the dispute may go to court. The 60 days run from the day after the request and are not
  shifted for weekends: day 60 is the request date + 60 days, and court is open from the day after.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

NEGOTIATION_DAYS = 60


def termination_end_date(delivered_on: datetime.date) -> datetime.date:
    """The last day of the agreement for a notice delivered on DELIVERED_ON (agreement § 11)."""
    if delivered_on.month <= 6:
        return datetime.date(delivered_on.year, 12, 31)
    return datetime.date(delivered_on.year + 1, 12, 31)


def notice_delivered_on(deliveries: Iterable[datetime.date | None]) -> datetime.date | None:
    """When a notice counts as given: on the last delivery, once every other party has received it."""
    dates = list(deliveries)
    known = [day for day in dates if day is not None]
    if not dates or len(known) != len(dates):
        return None
    return max(known)


def negotiation_day_60(requested_on: datetime.date) -> datetime.date:
    return requested_on + datetime.timedelta(days=NEGOTIATION_DAYS)


def court_from(requested_on: datetime.date) -> datetime.date:
    """The first day the dispute may be taken to court if no agreement was reached (agreement § 12)."""
    return negotiation_day_60(requested_on) + datetime.timedelta(days=1)


def in_force_from(signature_dates_by_party: dict[object, list[datetime.date | None]]) -> datetime.date | None:
    """The day the last party signed, once every party has signed with all its signatories."""
    if not signature_dates_by_party:
        return None
    last = []
    for dates in signature_dates_by_party.values():
        known = [day for day in dates if day is not None]
        if not dates or len(known) != len(dates):
            return None
        last.append(max(known))
    return max(last)
