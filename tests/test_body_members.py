"""A body's members and personal deputies (#29 items 4 and 6): the secretary keeps the register in the
portal; the attendance checklist lists them first with each deputy standing in for their own member;
publishing the agenda tells them; the minutes count the members for the quorum (Kuntalaki § 103) when
the meeting's own count is not given. The rules of a seat hold in the database and in the forms."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from decisions import agendas, rules, services
from decisions.members import add_member, end_membership
from decisions.models import Attendance, Body, BodyMember
from tests.conftest import client_for
from tests.factories import PersonFactory

D = datetime.date


@pytest.fixture
def body(world):
    return Body.objects.create(area=world.area, code="lautakunta-a", name_fi="Lautakunta A", kind="municipal")


@pytest.fixture
def seats(world, body):
    """A chair and a member, each with a personal deputy, from 1.6.2025."""
    people = {
        name: PersonFactory(organisation=world.org_a, last_name=name) for name in ("Aho", "Berg", "Cajan")
    }
    people["Dahl"] = PersonFactory(organisation=world.org_b, last_name="Dahl")
    chair = add_member(body=body, person=people["Aho"], role="chair", starts=D(2025, 6, 1), actor=None)
    member = add_member(body=body, person=people["Berg"], role="member", starts=D(2025, 6, 1), actor=None)
    for deputy, of in (("Cajan", chair), ("Dahl", member)):
        add_member(
            body=body, person=people[deputy], role="deputy", deputy_of=of, starts=D(2025, 6, 1), actor=None
        )
    return people


def refused(**fields) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        add_member(actor=None, **fields)
    return caught.value


def test_a_seat_keeps_the_rules_of_the_register(world, body, seats):
    chair = BodyMember.objects.get(role="chair")
    newcomer = PersonFactory(organisation=world.org_a)
    # one chair at a time
    assert "role" in refused(body=body, person=newcomer, role="chair", starts=D(2026, 1, 1)).error_dict
    # one seat per person at a time
    assert (
        "person" in refused(body=body, person=seats["Berg"], role="member", starts=D(2026, 1, 1)).error_dict
    )
    # a deputy names a member of the same body, who is not a deputy, has no other deputy, and is in office
    deputy = BodyMember.objects.get(person=seats["Cajan"])
    assert (
        "deputy_of"
        in refused(
            body=body, person=newcomer, role="deputy", deputy_of=deputy, starts=D(2026, 1, 1)
        ).error_dict
    )
    assert (
        "deputy_of"
        in refused(
            body=body, person=newcomer, role="deputy", deputy_of=chair, starts=D(2026, 1, 1)
        ).error_dict
    )
    assert (
        "deputy_of"
        in refused(
            body=body, person=newcomer, role="deputy", deputy_of=chair, starts=D(2025, 1, 1)
        ).error_dict
    )
    # a deputy without a member, and a member with one
    assert refused(body=body, person=newcomer, role="deputy", starts=D(2026, 1, 1))
    assert refused(body=body, person=newcomer, role="member", deputy_of=chair, starts=D(2026, 1, 1))
    # an end before the start, and a year no register holds
    assert refused(body=body, person=newcomer, role="member", starts=D(2026, 1, 1), ends=D(2025, 12, 31))
    assert "starts" in refused(body=body, person=newcomer, role="member", starts=D(1, 1, 1)).error_dict
    # a person of another cooperation is never offered nor accepted
    stranger = PersonFactory(organisation=world.other_org)
    assert "person" in refused(body=body, person=stranger, role="member", starts=D(2026, 1, 1)).error_dict
    assert BodyMember.objects.count() == 4


def test_the_database_itself_refuses_a_deputy_without_a_member_and_an_end_before_the_start(world, body):
    person = PersonFactory(organisation=world.org_a)
    for fields in ({"role": "deputy"}, {"role": "member", "ends": D(2024, 1, 1)}):
        with pytest.raises(IntegrityError), transaction.atomic():
            BodyMember.objects.create(body=body, person=person, starts=D(2025, 1, 1), **fields)


def test_ending_a_membership_ends_the_deputys_seat_with_it(body, seats):
    member = BodyMember.objects.get(person=seats["Berg"])
    end_membership(member=member, ends=D(2026, 5, 31), actor=None)
    assert BodyMember.objects.get(person=seats["Dahl"]).ends == D(2026, 5, 31)
    assert BodyMember.objects.get(person=seats["Cajan"]).ends is None  # the chair's deputy stays
    assert list(
        BodyMember.objects.filter(body=body).on(D(2026, 6, 1)).values_list("role", flat=True).order_by("role")
    ) == [
        "chair",
        "deputy",
    ]
    assert member.history.count() == 2


def test_the_secretary_records_a_member_in_the_portal_from_the_area_page(world, body, as_secretary):
    area_page = as_secretary.get(reverse("area-detail", args=[world.area.code]))
    url = reverse("body-members", args=[body.pk])
    assert url in area_page.text
    person = PersonFactory(organisation=world.org_a, first_name="Elli", last_name="Esimerkki")
    page = as_secretary.get(url)
    assert page.status_code == 200
    assert "Elli" in page.text
    data = {"member-person": person.pk, "member-role": "vice_chair", "member-starts": "2026-01-01"}
    data["member-elected_by"] = "valtuusto 12.6.2025 § 45"
    response = as_secretary.post(url, data)
    assert response.status_code == 302
    seat = BodyMember.objects.get()
    assert (seat.person, seat.role, seat.elected_by) == (person, "vice_chair", "valtuusto 12.6.2025 § 45")
    assert seat.history.first().history_user == world.secretary
    # the same form sent twice: the second is refused, nothing doubles
    again = as_secretary.post(url, data)
    assert again.status_code == 400
    assert "error-summary" in again.text
    assert BodyMember.objects.count() == 1
    # ending asks first; the POST ends the seat
    end = reverse("body-member-end", args=[seat.pk])
    assert "Elli Esimerkki" in as_secretary.get(end).text
    assert as_secretary.post(end, {"ends": "2026-02-28"}).status_code == 302
    seat.refresh_from_db()
    assert seat.ends == D(2026, 2, 28)


def test_bad_input_comes_back_translated_and_saves_nothing(world, body, as_secretary):
    person = PersonFactory(organisation=world.org_a)
    url = reverse("body-members", args=[body.pk])
    for data in (
        {"member-person": person.pk, "member-role": "member", "member-starts": "99999-01-01"},
        {"member-person": person.pk, "member-role": "deputy", "member-starts": "2026-01-01"},
        {"member-person": "x", "member-role": "king", "member-starts": "2026-01-01"},
    ):
        response = as_secretary.post(url, data)
        assert response.status_code == 400
        assert "error-summary" in response.text
    assert not BodyMember.objects.exists()


def test_only_those_who_record_the_body_see_its_register(world, body, seats, as_editor_b, as_outsider):
    seat = BodyMember.objects.get(person=seats["Aho"])
    for client, expected in ((as_outsider, 404), (as_editor_b, 403)):
        assert client.get(reverse("body-members", args=[body.pk])).status_code == expected
        assert (
            client.post(reverse("body-member-end", args=[seat.pk]), {"ends": "2026-01-01"}).status_code
            == expected
        )
    seat.refresh_from_db()
    assert seat.ends is None


def test_the_checklist_lists_the_members_first_and_a_deputy_stands_in_for_their_own_member(
    world, body, seats, as_secretary
):
    other = PersonFactory(organisation=world.org_a, last_name="Aaltonen")  # first by name, but no seat
    meeting = services.create_meeting(body=body, actor=world.secretary, date=D(2026, 3, 10))
    url = reverse("attendance-checklist", args=[meeting.pk])
    text = as_secretary.get(url).text
    order = [
        text.index(f'name="present_{p.pk}"') for p in (seats["Aho"], seats["Berg"], seats["Cajan"], other)
    ]
    assert order == sorted(order)  # chair, member, deputies, then the others
    assert "deputy substituting for" in text or "varajäsen" in text
    response = as_secretary.post(
        url,
        {
            f"present_{seats['Aho'].pk}": "on",
            f"present_{seats['Dahl'].pk}": "on",
            f"present_{other.pk}": "on",
        },
    )
    assert response.status_code == 302
    rows = {
        a.person_id: (a.capacity, a.substitutes_for_id) for a in Attendance.objects.filter(meeting=meeting)
    }
    assert rows == {
        seats["Aho"].pk: ("member", None),
        seats["Dahl"].pk: ("deputy", seats["Berg"].pk),  # Berg's personal deputy
        other.pk: ("other", None),  # the register says who the members are
    }


def test_a_deputy_cannot_stand_in_for_a_member_who_is_present(world, body, seats, as_secretary):
    meeting = services.create_meeting(body=body, actor=world.secretary, date=D(2026, 3, 10))
    url = reverse("attendance-checklist", args=[meeting.pk])
    response = as_secretary.post(
        url, {f"present_{seats['Berg'].pk}": "on", f"present_{seats['Dahl'].pk}": "on"}
    )
    assert response.status_code == 400
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_the_meeting_form_offers_the_registers_count_and_the_quorum_reads_what_the_meeting_records(
    world, body, seats, as_secretary
):
    page = as_secretary.get(reverse("meeting-create", args=[body.pk]))
    assert 'name="member_count" value="2"' in page.text  # chair and member; deputies do not count
    assert "rekisterissä on 2 jäsentä" in page.text
    meeting = services.create_meeting(body=body, actor=world.secretary, date=D(2026, 3, 10))
    assert rules.quorum(meeting).known is False  # the register is offered, never assumed
    meeting.member_count = 2
    meeting.save()
    services.record_attendance(meeting=meeting, actor=None, person=seats["Aho"], capacity="member")
    assert (rules.quorum(meeting).present, rules.quorum(meeting).reached) == (1, False)  # 1 > 2 × 0.5?
    services.record_attendance(
        meeting=meeting, actor=None, person=seats["Dahl"], capacity="deputy", substitutes_for=seats["Berg"]
    )
    assert rules.quorum(meeting).reached is True


def test_a_deputy_counts_only_in_place_of_a_member_who_is_not_there(world, body, seats):
    meeting = services.create_meeting(body=body, actor=world.secretary, date=D(2026, 3, 10))
    services.record_attendance(meeting=meeting, actor=None, person=seats["Berg"], capacity="member")
    with pytest.raises(ValidationError):  # in a second form, or by a second secretary: still refused
        services.record_attendance(
            meeting=meeting,
            actor=None,
            person=seats["Dahl"],
            capacity="deputy",
            substitutes_for=seats["Berg"],
        )
    services.record_attendance(
        meeting=meeting, actor=None, person=seats["Cajan"], capacity="deputy", substitutes_for=seats["Aho"]
    )
    with pytest.raises(ValidationError):  # the chair arrives: a member whose deputy stands in for them
        services.record_attendance(meeting=meeting, actor=None, person=seats["Aho"], capacity="member")
    other = PersonFactory(organisation=world.org_a)
    with pytest.raises(ValidationError):  # a second deputy for the same member
        services.record_attendance(
            meeting=meeting, actor=None, person=other, capacity="deputy", substitutes_for=seats["Aho"]
        )
    assert rules.quorum(meeting).present == 2


def test_ending_never_extends_and_names_a_deputy_whose_seat_is_still_to_come(world, body, seats):
    member = BodyMember.objects.get(person=seats["Berg"])
    end_membership(member=member, ends=D(2026, 5, 31), actor=None)
    with pytest.raises(ValidationError, match=r"31\.05\.2026"):
        end_membership(member=member, ends=D(2027, 5, 31), actor=None)
    chair = BodyMember.objects.get(person=seats["Aho"])
    late = PersonFactory(organisation=world.org_a, last_name="Myöhä")
    BodyMember.objects.filter(person=seats["Cajan"]).update(ends=D(2026, 12, 31))
    add_member(body=body, person=late, role="deputy", deputy_of=chair, starts=D(2027, 1, 1), actor=None)
    with pytest.raises(ValidationError, match="Myöhä"):
        end_membership(member=chair, ends=D(2026, 12, 31), actor=None)
    assert BodyMember.objects.get(pk=chair.pk).ends is None  # nothing half-saved


def test_a_seat_ends_even_after_the_persons_organisation_left_the_cooperation(world, body, seats):
    from organisations.models import Participation

    Participation.objects.filter(organisation=world.org_b).update(left_on=D(2026, 1, 31))
    dahl = BodyMember.objects.get(person=seats["Dahl"])
    end_membership(member=dahl, ends=D(2026, 1, 31), actor=None)
    assert BodyMember.objects.get(pk=dahl.pk).ends == D(2026, 1, 31)


def test_a_new_terms_deputy_can_be_entered_ahead_and_the_body_deleted_with_its_register(world, body, seats):
    from decisions.members import BodyMemberForm

    coming = add_member(
        body=body,
        person=PersonFactory(organisation=world.org_a),
        role="member",
        starts=D(2099, 6, 1),
        actor=None,
    )
    assert coming in BodyMemberForm(body=body).fields["deputy_of"].queryset
    body.delete()
    assert not BodyMember.objects.exists()


def test_the_invitation_goes_to_the_members_on_the_meetings_day(world, body, seats):
    from decisions.models import Meeting
    from tests.factories import UserFactory

    seats["Aho"].user = UserFactory(username="aho")
    seats["Aho"].save()
    BodyMember.objects.filter(person=seats["Aho"]).update(ends=D(2026, 5, 31))
    successor = PersonFactory(organisation=world.org_a, user=UserFactory(username="seuraaja"))
    add_member(body=body, person=successor, role="chair", starts=D(2026, 6, 1), actor=None)
    may, june = (Meeting.objects.create(body=body, date=day) for day in (D(2026, 5, 20), D(2026, 6, 2)))
    invited = agendas.invited_to([may, june])
    assert [u.username for u in invited[may.pk]] == ["aho"]
    assert [u.username for u in invited[june.pk]] == ["seuraaja"]


def test_publishing_the_agenda_tells_the_registers_members_with_a_login(world, body, seats):
    from tests.factories import UserFactory

    seats["Aho"].user = UserFactory(username="aho", email="aho@example.fi")
    seats["Aho"].save()
    assert [u.username for u in agendas.members_of([body])[body.pk]] == ["aho"]
    BodyMember.objects.filter(person=seats["Aho"]).update(ends=D(2025, 12, 31))
    assert agendas.members_of([body])[body.pk] == []  # a past member is not told


def test_another_cooperations_person_is_not_offered(world, body):
    stranger = PersonFactory(organisation=world.other_org, first_name="Vieras", last_name="Vierasmaa")
    page = client_for(world.secretary).get(reverse("body-members", args=[body.pk]))
    assert "Vierasmaa" not in page.text
    assert stranger.pk
