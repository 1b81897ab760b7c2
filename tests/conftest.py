"""Named personas, shared by every test: who may do what is the heart of the product.

- secretary: the board secretary, manages everything (admin site, every object)
- editor_a: acts for organisation A (the employment authority of area A)
- editor_b: acts for organisation B (a wellbeing services county of area A)
- member: a steering-group member who may see area A but acts for no organisation
- outsider: logged in, but given access to nothing
- anonymous: not logged in (the plain `client` fixture)
"""

from dataclasses import dataclass

import pytest
from django.test import Client

from organisations import access
from organisations.models import Organisation
from tests.factories import (
    EmploymentAreaFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    UserFactory,
)


@dataclass
class World:
    area: object
    org_a: object
    org_b: object
    other_area: object
    other_org: object
    secretary: object
    editor_a: object
    editor_b: object
    member: object
    outsider: object


@pytest.fixture
def world(db) -> World:
    area = EmploymentAreaFactory(code="area-a", name_fi="Alueen A työllisyysalue")
    org_a = OrganisationFactory(
        kind=Organisation.Kind.EMPLOYMENT_AUTHORITY, name_fi="Kaupunki A", business_id="0246246-0"
    )
    org_b = OrganisationFactory(name_fi="Hyvinvointialue B", business_id="3221318-2")
    ParticipationFactory(area=area, organisation=org_a)
    ParticipationFactory(area=area, organisation=org_b)
    other_area = EmploymentAreaFactory(code="area-z", name_fi="Toinen työllisyysalue")
    other_org = OrganisationFactory(name_fi="Muu organisaatio", business_id="3221308-6")
    ParticipationFactory(area=other_area, organisation=other_org)

    secretary = UserFactory(username="secretary")
    access.make_secretary(secretary)
    editor_a = UserFactory(username="editor_a")
    PersonFactory(organisation=org_a, user=editor_a, first_name="Aino", last_name="Editori")
    access.make_editor(editor_a, org_a)
    editor_b = UserFactory(username="editor_b")
    PersonFactory(organisation=org_b, user=editor_b, first_name="Bertta", last_name="Editori")
    access.make_editor(editor_b, org_b)
    member = UserFactory(username="member")
    access.grant_area_view(member, area)
    outsider = UserFactory(username="outsider")
    return World(area, org_a, org_b, other_area, other_org, secretary, editor_a, editor_b, member, outsider)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def as_secretary(world) -> Client:
    return client_for(world.secretary)


@pytest.fixture
def as_editor_a(world) -> Client:
    return client_for(world.editor_a)


@pytest.fixture
def as_editor_b(world) -> Client:
    return client_for(world.editor_b)


@pytest.fixture
def as_member(world) -> Client:
    return client_for(world.member)


@pytest.fixture
def as_outsider(world) -> Client:
    return client_for(world.outsider)
