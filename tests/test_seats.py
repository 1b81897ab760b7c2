"""Integrity of seats and leadership appointments: refused with a translated message by the services,
and held by the database even when the services are bypassed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance import services
from governance.models import LeadershipAppointment, Membership
from tests.factories import PersonFactory


@pytest.fixture(autouse=True)
def in_english():
    # The rules' messages are compared in English here; the Finnish texts are tested in the views.
    with translation.override("en"):
        yield


def messages_of(error: ValidationError, language: str = "fi") -> list[str]:
    # Messages are lazy: they take the language in force when they are read.
    with translation.override(language):
        return [str(m) for m in error.messages]


def test_a_second_chair_is_refused_in_finnish_and_nothing_is_saved(group_world, world):
    before = Membership.objects.count()
    # Constraint messages are rendered when raised, in the language of the request (here Finnish).
    with translation.override("fi"), pytest.raises(ValidationError) as info:
        services.seat_member(
            nomination=group_world.nomination_a,
            person=group_world.people["a3"],
            deputy=group_world.people["a4"],
            role=Membership.Role.CHAIR,
            actor=world.secretary,
        )
    assert "Johtoryhmällä on jo puheenjohtaja." in messages_of(info.value)
    assert Membership.objects.count() == before


def test_the_database_refuses_a_second_open_chair(group_world, world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            group=group_world.group,
            organisation=world.org_a,
            person=group_world.people["a3"],
            capacity="member",
            role="chair",
        )


def test_a_member_cannot_be_a_deputy_at_the_same_time(group_world, world):
    with pytest.raises(ValidationError):
        services.add_deputy(member=group_world.chair, person=group_world.people["a1"], actor=world.secretary)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            group=group_world.group,
            organisation=world.org_a,
            person=group_world.people["a1"],
            capacity="deputy",
            deputy_of=group_world.chair,
        )


def test_a_member_has_one_personal_deputy_at_a_time(group_world, world):
    with pytest.raises(ValidationError):
        services.add_deputy(member=group_world.chair, person=group_world.people["a3"], actor=world.secretary)


def test_a_personal_deputy_from_another_organisation_is_refused(group_world, world):
    outsider = PersonFactory(organisation=world.org_b)
    with pytest.raises(ValidationError) as info:
        services.seat_member(
            nomination=group_world.nomination_a,
            person=group_world.people["a3"],
            deputy=outsider,
            actor=world.secretary,
        )
    assert any(
        "does not belong to" in m or "member's own organisation" in m for m in messages_of(info.value, "en")
    )
    assert not Membership.objects.filter(person=group_world.people["a3"]).exists()


def test_an_end_before_the_start_is_refused(group_world, world):
    seat = group_world.kela_member
    seat.start_date = datetime.date(2025, 5, 1)
    seat.save()
    with pytest.raises(ValidationError):
        services.end_seat(
            seat=seat, end_date=datetime.date(2025, 4, 1), reason="resigned", actor=world.secretary
        )
    seat.refresh_from_db()
    assert seat.end_date is None
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=seat.pk).update(end_date=datetime.date(2025, 4, 1))


def test_the_database_refuses_a_deputy_without_a_member_and_a_member_without_a_role(group_world, world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            group=group_world.group,
            organisation=world.org_a,
            person=group_world.people["a3"],
            capacity="deputy",
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            group=group_world.group,
            organisation=world.org_a,
            person=group_world.people["a3"],
            capacity="member",
            role="",
        )


def test_a_successor_takes_the_seat_and_the_history_keeps_both(group_world, world):
    successor = PersonFactory(organisation=world.org_a)
    new = services.replace_member(
        seat=group_world.chair,
        successor=successor,
        start_date=datetime.date(2026, 1, 1),
        actor=world.secretary,
    )
    old = Membership.objects.get(pk=group_world.chair.pk)
    assert old.end_date == datetime.date(2025, 12, 31)
    assert old.end_reason == "successor"
    assert new.role == "chair"
    assert new.deputies.get().person == group_world.people["a2"]
    assert Membership.objects.filter(person=group_world.people["a2"]).count() == 2
    assert old.history.first().history_user == world.secretary


def test_ending_a_member_ends_their_personal_deputy(group_world, world):
    services.end_seat(
        seat=group_world.kela_member,
        end_date=datetime.date(2026, 1, 31),
        reason="resigned",
        actor=world.secretary,
    )
    deputy = Membership.objects.get(person=group_world.people["k2"])
    assert deputy.end_date == datetime.date(2026, 1, 31)


def test_a_person_may_return_after_their_seat_ended_but_not_overlap(group_world, world):
    seat = group_world.kela_member
    services.end_seat(
        seat=seat, end_date=datetime.date(2026, 1, 31), reason="resigned", actor=world.secretary
    )
    with pytest.raises(ValidationError):
        services.seat_member(
            nomination=group_world.nomination_kela,
            person=group_world.people["k1"],
            start_date=datetime.date(2026, 1, 15),
            actor=world.secretary,
        )
    services.seat_member(
        nomination=group_world.nomination_kela,
        person=group_world.people["k1"],
        start_date=datetime.date(2026, 2, 1),
        actor=world.secretary,
    )


def leader_fields(world, people, **changes):
    fields = {
        "capacity": "leading",
        "person": people["a3"],
        "approved_on": datetime.date(2025, 5, 1),
        "named_on": datetime.date(2025, 5, 20),
        "term_start": datetime.date(2025, 6, 1),
        "term_end": datetime.date(2030, 3, 31),
        "administrative_employer": world.org_a,
    }
    fields.update(changes)
    return fields


def test_a_leading_person_named_before_approval_is_refused(group_world, world):
    LeadershipAppointment.objects.all().delete()
    with pytest.raises(ValidationError) as info:
        services.appoint_leader(
            group=group_world.group,
            actor=world.secretary,
            **leader_fields(world, group_world.people, named_on=datetime.date(2025, 4, 1)),
        )
    assert any("hyväksyttävä" in m for m in messages_of(info.value))
    assert not LeadershipAppointment.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        LeadershipAppointment.objects.create(
            group=group_world.group,
            **leader_fields(world, group_world.people, named_on=datetime.date(2025, 4, 1)),
        )


def test_a_leading_person_beyond_the_groups_term_is_refused(group_world, world):
    LeadershipAppointment.objects.all().delete()
    with pytest.raises(ValidationError):
        services.appoint_leader(
            group=group_world.group,
            actor=world.secretary,
            **leader_fields(world, group_world.people, term_end=datetime.date(2030, 4, 1)),
        )


# Property: whatever sequence of writes is attempted, the refused ones change nothing and the seats
# always satisfy the integrity rules.
OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["seat", "deputy", "end"]),
        st.integers(0, 5),  # person index
        st.integers(0, 5),  # other person / target index
        st.sampled_from(["chair", "vice_chair", "member"]),
        st.integers(0, 1),  # organisation index
        st.integers(0, 400),  # day offset
    ),
    max_size=12,
)


def check_invariants(group) -> None:
    open_seats = list(
        Membership.objects.filter(group=group, end_date__isnull=True).select_related("deputy_of")
    )
    assert sum(1 for s in open_seats if s.role == "chair") <= 1
    assert sum(1 for s in open_seats if s.role == "vice_chair") <= 1
    people = [s.person_id for s in open_seats]
    assert len(people) == len(set(people))
    deputies_of = [s.deputy_of_id for s in open_seats if s.deputy_of_id]
    assert len(deputies_of) == len(set(deputies_of))
    for seat in Membership.objects.filter(group=group).select_related("deputy_of", "person"):
        assert seat.person_id != seat.deputy_of_id
        if seat.deputy_of:
            assert seat.deputy_of.organisation_id == seat.organisation_id
            assert seat.deputy_of.person_id != seat.person_id
        assert seat.person.organisation_id == seat.organisation_id
        if seat.start_date and seat.end_date:
            assert seat.end_date >= seat.start_date


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_seat_integrity_holds_for_any_sequence_of_writes(group_world, world, operations):
    base = datetime.date(2025, 4, 1)
    nominations = [group_world.nomination_a, group_world.nomination_b]
    pool = [[PersonFactory.build(organisation=n.organisation) for _ in range(6)] for n in nominations]
    with transaction.atomic():
        for row in pool:
            for person in row:
                person.save()
        for op, who, target, role, org, offset in operations:
            day = base + datetime.timedelta(days=offset)
            count = Membership.objects.count()
            try:
                if op == "seat":
                    services.seat_member(
                        nomination=nominations[org],
                        person=pool[org][who],
                        role=role,
                        start_date=day,
                        actor=None,
                    )
                elif op == "deputy":
                    members = list(Membership.objects.filter(group=group_world.group, capacity="member"))
                    member = members[target % len(members)]
                    services.add_deputy(member=member, person=pool[org][who], start_date=day, actor=None)
                else:
                    seats = list(Membership.objects.filter(group=group_world.group, end_date__isnull=True))
                    if seats:
                        services.end_seat(
                            seat=seats[target % len(seats)], end_date=day, reason="other", actor=None
                        )
            except ValidationError:
                assert Membership.objects.count() == count
            check_invariants(group_world.group)
        transaction.set_rollback(True)
