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


# What an attacker's review of #26 found, each refused now.


def test_a_shared_organisations_page_lists_only_the_readers_cooperations_people(world, shared):
    only_a = PersonFactory(organisation=world.org_b, first_name="Vain", last_name="Alueella-A")
    CooperationPerson.objects.create(cooperation=world.area.cooperation, person=only_a)
    viewer_z = UserFactory(username="viewer-z")
    services.grant(
        user=viewer_z,
        role=Grant.Role.VIEWER,
        organisation=world.org_b,
        cooperation=world.other_area.cooperation,
    )
    page = client_for(viewer_z).get(reverse("organisation-detail", args=[world.org_b.pk]))
    assert page.status_code == 200
    assert "Alueella-A" not in page.content.decode()
    assert (
        "Alueella-A"
        in client_for(world.editor_b).get(reverse("organisation-detail", args=[world.org_b.pk])).text
    )


def test_a_shared_organisation_is_changed_only_by_an_administrator(world, shared):
    # county B now takes part in both cooperations: its editor in one may not rename it for the other
    response = client_for(world.editor_b).get(reverse("organisation-edit", args=[world.org_b.pk]))
    assert response.status_code == 404
    assert (
        client_for(world.secretary).get(reverse("organisation-edit", args=[world.org_b.pk])).status_code
        == 200
    )


def test_an_invitation_never_takes_over_a_person_of_another_cooperation(world, shared):
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    theirs = PersonFactory(organisation=shared, first_name="Tommi", last_name="Toisen")
    CooperationPerson.objects.create(cooperation=world.area.cooperation, person=theirs)
    with pytest.raises(ValidationError):  # the same name in the organisation: refused, not taken over
        services.invite(
            email="uusi@example.fi",
            first_name="Tommi",
            last_name="Toisen",
            role=Grant.Role.VIEWER,
            organisation=shared,
            cooperation=world.other_area.cooperation,
            actor=world.secretary,
        )
    theirs.refresh_from_db()
    assert theirs.user is None
    assert not get_user_model().objects.filter(email="uusi@example.fi").exists()


def test_a_login_without_a_right_in_the_cooperation_is_not_found_there(world, shared):
    secretary_z = UserFactory(username="secretary-z")
    services.grant(
        user=secretary_z,
        role=Grant.Role.SECRETARY,
        organisation=world.other_org,
        cooperation=world.other_area.cooperation,
    )
    url = reverse("people-deactivate", args=[world.other_area.cooperation.code, world.editor_a.pk])
    assert client_for(secretary_z).post(url).status_code == 404
    world.editor_a.refresh_from_db()
    assert world.editor_a.is_active


def test_a_municipality_of_another_cooperation_is_not_offered_to_supplement_the_group(world, shared):
    from governance.forms import NominationForm
    from organisations.selectors import organisations_of

    taken = Organisation.objects.create(kind=Organisation.Kind.MUNICIPALITY, name_fi="Muun alueen kunta")
    Participation.objects.create(cooperation=world.area.cooperation, organisation=taken)
    free = Organisation.objects.create(kind=Organisation.Kind.MUNICIPALITY, name_fi="Vapaa kunta")
    offered = organisations_of(world.other_area.cooperation)
    assert free in offered
    assert taken not in offered
    form = NominationForm(organisations=offered, cooperation=world.other_area.cooperation_id)
    assert taken not in form.fields["organisation"].queryset
