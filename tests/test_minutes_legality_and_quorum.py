"""The minutes' section on legality and quorum (#28 item 3): a board is called as the municipality's
rules of procedure say (hallintosääntö, Kuntalaki § 90; §§ 94-95 are the council's), and has a quorum
when more than half of its members are present (Kuntalaki § 103 (1)); nothing is assumed where the
record is silent. Attendance by role, and the opening §§ sharing the body's numbering."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from decisions import minutes, services
from decisions.models import Attendance, Body, Meeting
from organisations.models import Person

D = datetime.date


@pytest.fixture
def board(world):
    return Body.objects.create(
        area=world.area, code="board", name_fi="Lautakunta", kind="municipal", notice_days=4
    )


def _people(world, count: int) -> list[Person]:
    return [
        Person.objects.create(organisation=world.org_a, first_name=f"Etu{n}", last_name=f"Suku{n}")
        for n in range(count)
    ]


def _meeting(board, world, **fields) -> Meeting:
    return services.create_meeting(body=board, actor=world.secretary, date=D(2025, 3, 18), **fields)


def test_the_invitation_four_days_before_is_in_time_and_three_days_is_late(board, world):
    assert minutes.called(_meeting(board, world, invited_on=D(2025, 3, 14))).in_time is True
    late = minutes.called(_meeting(board, world, invited_on=D(2025, 3, 15)))
    assert late.known
    assert late.in_time is False
    assert late.days_before == 3


def test_without_the_invitation_date_or_the_rules_period_nothing_is_assumed(board, world):
    assert minutes.called(_meeting(board, world)).known is False
    board.notice_days = None
    board.save()
    unknown = minutes.called(_meeting(board, world, invited_on=D(2025, 3, 1)))
    assert unknown.known is False
    assert unknown.in_time is None
    assert unknown.days_before == 17


@given(before=st.integers(min_value=0, max_value=60), notice=st.integers(min_value=0, max_value=30))
def test_called_in_time_exactly_when_sent_at_least_the_period_before(before, notice):
    body = Body(notice_days=notice)
    meeting = Meeting(body=body, date=D(2025, 6, 30), invited_on=D(2025, 6, 30) - datetime.timedelta(before))
    assert minutes.called(meeting).in_time is (before >= notice)


def _attend(meeting, world, person, capacity, **extra) -> Attendance:
    return services.record_attendance(
        meeting=meeting, actor=world.secretary, person=person, capacity=capacity, **extra
    )


def test_five_of_nine_is_a_quorum_and_four_is_not_an_absent_member_not_counting(board, world):
    meeting = _meeting(board, world, member_count=9, invited_on=D(2025, 3, 11))
    people = _people(world, 7)
    for person in people[:4]:
        _attend(meeting, world, person, "member")
    _attend(meeting, world, people[5], "absent")
    _attend(meeting, world, people[6], "absent")
    rows = list(meeting.attendances.all())
    legality = minutes.legality(meeting, rows)
    assert (legality.quorum.present, legality.quorum.reached, legality.lawful) == (4, False, False)
    _attend(meeting, world, people[4], "deputy", substitutes_for=people[5])  # counts for the member
    legality = minutes.legality(meeting, list(meeting.attendances.all()))
    assert (legality.quorum.present, legality.quorum.reached, legality.lawful) == (5, True, True)


def test_legality_is_unknown_while_the_number_of_members_is_not_recorded(board, world):
    meeting = _meeting(board, world, invited_on=D(2025, 3, 11))
    _attend(meeting, world, _people(world, 1)[0], "member")
    assert minutes.legality(meeting, list(meeting.attendances.all())).lawful is None


def test_the_roll_sorts_attendance_by_role_and_names_the_checkers(board, world):
    meeting = _meeting(board, world)
    member, deputy, replaced, expert = _people(world, 4)
    _attend(meeting, world, member, "member")
    _attend(meeting, world, deputy, "deputy", substitutes_for=replaced)
    _attend(meeting, world, replaced, "absent")
    _attend(meeting, world, expert, "other", role="asiantuntija", sections="§ 3")
    services.check_minutes(meeting=meeting, checkers=[member, deputy], checked_on=D(2025, 3, 20), actor=None)
    roll = minutes.roll(list(meeting.attendances.select_related("person")))
    assert [a.person for a in roll.members] == [member]
    assert [a.person for a in roll.deputies] == [deputy]
    assert [a.person for a in roll.absent] == [replaced]
    assert [(a.person, a.role, a.sections) for a in roll.others] == [(expert, "asiantuntija", "§ 3")]
    assert roll.checkers == [member, deputy]


def test_an_absent_member_cannot_check_the_minutes(board, world):
    meeting = _meeting(board, world)
    absent = _people(world, 1)[0]
    _attend(meeting, world, absent, "absent")
    with pytest.raises(ValidationError, match="ei ollut kokouksessa"):
        services.check_minutes(meeting=meeting, checkers=[absent], checked_on=D(2025, 3, 20), actor=None)


def test_the_database_refuses_an_absent_member_who_checks_or_attends_a_section(board, world):
    meeting = _meeting(board, world)
    person = _people(world, 1)[0]
    for fields in ({"checks_minutes": True}, {"sections": "§ 4"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Attendance.objects.create(meeting=meeting, person=person, capacity="absent", **fields)


def test_the_meeting_ends_after_it_starts_and_is_called_before_it_is_held(board, world):
    with pytest.raises(ValidationError, match="päättymisajan on oltava alkamisajan jälkeen"):
        _meeting(board, world, starts_at=datetime.time(15), ends_at=datetime.time(14, 30))
    with pytest.raises(ValidationError, match="Kokouskutsu lähetetään ennen kokousta"):
        _meeting(board, world, invited_on=D(2025, 3, 19))
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(body=board, starts_at=datetime.time(15), ends_at=datetime.time(15))


def test_sections_are_numbered_after_the_opening_sections(board, world):
    meeting = _meeting(board, world, opening_number=14)
    item = services.add_item(meeting=meeting, actor=world.secretary, title="Asia", proposal="Esitys")
    assert item.number == 16  # § 14 legality and quorum, § 15 the minute-checkers
    assert minutes.opening_numbers(meeting) == (14, 15)


def test_the_opening_sections_cannot_take_a_number_already_used(board, world):
    earlier = _meeting(board, world)
    services.add_item(meeting=earlier, actor=world.secretary, title="Asia", proposal="Esitys")  # § 1
    with pytest.raises(ValidationError, match="on jo tämän toimielimen pykälä"):
        _meeting(board, world, opening_number=1)
