"""Reads for the steering group's pages, built on the same loaded facts the compliance rules use,
so a page costs a fixed number of queries however many seats there are."""

from __future__ import annotations

from dataclasses import dataclass, field

from governance.compliance import GroupFacts
from governance.models import Membership
from organisations.models import Organisation


@dataclass
class Row:
    member: Membership
    deputies: list[Membership] = field(default_factory=list)


@dataclass
class Block:
    organisation: Organisation
    rows: list[Row]


ROLE_ORDER: dict[str, int] = {
    Membership.Role.CHAIR: 0,
    Membership.Role.VICE_CHAIR: 1,
    Membership.Role.MEMBER: 2,
    Membership.Role.MUNICIPAL: 3,
}


def composition(facts: GroupFacts, *, current: bool = True) -> list[Block]:
    """Members with their personal deputies, by organisation (employment authority first): those
    seated on the day the facts describe, or with CURRENT false every seat ever held."""
    seats = facts.current_seats if current else facts.seats
    deputies: dict[int, list[Membership]] = {}
    for seat in seats:
        if seat.capacity == Membership.Capacity.DEPUTY and seat.deputy_of_id is not None:
            deputies.setdefault(seat.deputy_of_id, []).append(seat)
    blocks: dict[int, Block] = {}
    for seat in seats:
        if seat.capacity == Membership.Capacity.MEMBER:
            block = blocks.setdefault(seat.organisation_id, Block(seat.organisation, []))
            block.rows.append(Row(seat, deputies.get(seat.pk, [])))
    kind_order: dict[str, int] = {
        "employment_authority": 0,
        "wellbeing_county": 1,
        "kela": 2,
        "municipality": 3,
    }
    ordered = sorted(
        blocks.values(), key=lambda b: (kind_order.get(b.organisation.kind, 9), b.organisation.name_fi)
    )
    for block in ordered:
        block.rows.sort(key=lambda r: (ROLE_ORDER.get(r.member.role, 9), r.member.pk))
    return ordered


def ended_seats(facts: GroupFacts) -> list[Membership]:
    """The seats whose last day was before the day described (a seat ending later is still held)."""
    return [seat for seat in facts.seats if seat.ended_before(facts.today)]
