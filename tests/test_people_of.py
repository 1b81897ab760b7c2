"""Who belongs to a cooperation, as its pickers and people lists show it (#26 item 3): a person of a
shared organisation (Kela, a county in two cooperations) only where a seat, a grant or the secretary's
link puts them; an organisation in one cooperation alone brings all its people."""

import pytest
from django.urls import reverse

from decisions.forms import AttendanceForm
from governance.models import SteeringGroup
from organisations import services
from organisations.models import CooperationPerson, Grant, Organisation, Participation
from organisations.selectors import people_in, people_of
from tests.conftest import client_for
from tests.factories import PersonFactory, UserFactory


@pytest.fixture
def shared(world):
    """Kela and county B take part in both cooperations (B's county joins the other one too)."""
    kela = Organisation.objects.create(kind=Organisation.Kind.KELA, name_fi="Kela", business_id="0246246-0")
    Participation.objects.create(cooperation=world.other_area.cooperation, organisation=world.org_b)
    return kela


def names(people) -> set[str]:
    return {p.last_name for p in people}


def test_an_organisation_in_one_cooperation_brings_all_its_people(world, shared):
    PersonFactory(organisation=world.org_a, last_name="Kaupunkilainen")
    PersonFactory(organisation=world.other_org, last_name="Muualta")
    assert "Kaupunkilainen" in names(people_of(world.area.cooperation))
    assert "Kaupunkilainen" not in names(people_of(world.other_area.cooperation))
    assert "Muualta" in names(people_of(world.other_area.cooperation))
    assert "Muualta" not in names(people_of(world.area.cooperation))


def test_a_person_of_a_shared_organisation_belongs_only_where_linked_seated_or_granted(world, shared):
    a, z = world.area.cooperation, world.other_area.cooperation
    linked = PersonFactory(organisation=shared, last_name="Linkitetty")
    CooperationPerson.objects.create(cooperation=a, person=linked)
    granted = PersonFactory(organisation=world.org_b, last_name="Oikeutettu", user=UserFactory(username="g"))
    services.grant(user=granted.user, role=Grant.Role.VIEWER, organisation=world.org_b, cooperation=z)
    seated = PersonFactory(organisation=shared, last_name="Jäsen")
    group = SteeringGroup.objects.create(cooperation=z)
    group.memberships.create(organisation=shared, person=seated, capacity="member", role="member")
    PersonFactory(organisation=shared, last_name="Kukaan")
    assert names(people_of(a)) >= {"Linkitetty"}
    assert not names(people_of(a)) & {"Oikeutettu", "Jäsen", "Kukaan"}
    assert names(people_of(z)) >= {"Oikeutettu", "Jäsen"}
    assert not names(people_of(z)) & {"Linkitetty", "Kukaan"}
    assert names(people_in([a.pk, z.pk])) >= {"Linkitetty", "Oikeutettu", "Jäsen"}
    assert "Kukaan" not in names(people_in([a.pk, z.pk]))
    # editor_b's grant is in A: county B's editor belongs to A, not to Z
    assert "Editori" in names(people_of(a).filter(organisation=world.org_b))
    assert "Editori" not in names(people_of(z).filter(organisation=world.org_b))


def test_the_attendance_picker_offers_only_the_cooperations_people(world, shared):
    from decisions.models import Body, Meeting

    elsewhere = PersonFactory(organisation=shared, last_name="Toisaalta")
    services.grant(
        user=UserFactory(username="kela-z"),
        role=Grant.Role.VIEWER,
        organisation=shared,
        cooperation=world.other_area.cooperation,
    )
    CooperationPerson.objects.create(cooperation=world.other_area.cooperation, person=elsewhere)
    body = Body.objects.create(area=world.area, code="lautakunta", name_fi="Lautakunta", kind="municipal")
    meeting = Meeting.objects.create(body=body, date="2026-01-15")
    here = PersonFactory(organisation=shared, last_name="Täällä")
    CooperationPerson.objects.create(cooperation=world.area.cooperation, person=here)
    offered = AttendanceForm(meeting=meeting).fields["person"].queryset
    assert here in offered
    assert elsewhere not in offered


def test_the_search_finds_no_one_of_a_shared_organisation_outside_the_users_cooperation(world, shared):
    PersonFactory(organisation=shared, first_name="Salainen", last_name="Kelalainen")
    viewer_z = UserFactory(username="viewer-z")
    services.grant(
        user=viewer_z, role=Grant.Role.VIEWER, organisation=shared, cooperation=world.other_area.cooperation
    )
    page = client_for(viewer_z).get(reverse("decision-list"), {"q": "Kelalainen"})
    assert page.status_code == 200
    assert "Salainen" not in page.content.decode()
