"""A steering group's composition as a table (#18 item 5): every seat, current and ended, with whom the
member represents, who employs them, the nominating decision and the dates; for CSV and Excel."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from governance.compliance import GroupFacts


def rows(facts: GroupFacts, *, finnish_dates: bool = False) -> list[list[object]]:
    def day(value: datetime.date | None) -> object:
        if value is None:
            return ""
        return f"{value.day}.{value.month}.{value.year}" if finnish_dates else value

    by_pk = {seat.pk: seat for seat in facts.seats}
    nominations = {n.pk: n for n in facts.nominations}
    table: list[list[object]] = [
        [
            _("Organisation"),
            _("Person"),
            _("Capacity"),
            _("Role"),
            _("Deputy of"),
            _("Represents"),
            _("Employer"),
            _("Nominated by decision"),
            _("Start date"),
            _("End date"),
            _("End reason"),
        ]
    ]
    for seat in facts.seats:
        member = by_pk.get(seat.deputy_of_id) if seat.deputy_of_id else None
        nomination = nominations.get(seat.nomination_id) if seat.nomination_id else None
        table.append(
            [
                seat.organisation.name_fi,
                seat.person.full_name,
                seat.get_capacity_display(),
                seat.get_role_display() if seat.role else "",
                member.person.full_name if member else "",
                str(seat.represents) if seat.represents_id else "",
                str(seat.employer) if seat.employer_id else "",
                nomination.reference if nomination else "",
                day(seat.start_date),
                day(seat.end_date),
                seat.get_end_reason_display() if seat.end_reason else "",
            ]
        )
    return table
