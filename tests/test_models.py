import datetime

import pytest
from django.db import IntegrityError, transaction

from organisations.models import Municipality, Organisation, Participation
from tests.factories import (
    EmploymentAreaFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def test_kela_takes_part_in_every_cooperation_without_a_participation_row():
    kela = OrganisationFactory(kind=Organisation.Kind.KELA, name_fi="Kansaneläkelaitos")
    area = EmploymentAreaFactory()
    county = ParticipationFactory(area=area).organisation
    assert set(area.parties()) == {kela, county}
    assert kela in EmploymentAreaFactory().parties()


def test_an_area_does_not_list_organisations_of_other_areas():
    area = EmploymentAreaFactory()
    ParticipationFactory(area=EmploymentAreaFactory())
    assert list(area.parties()) == []


def test_an_organisation_that_left_no_longer_takes_part():
    area = EmploymentAreaFactory()
    participation = ParticipationFactory(area=area)
    participation.left_on = datetime.date(2026, 6, 30)
    participation.save()
    assert list(area.parties()) == []


def test_an_organisation_may_join_again_after_leaving():
    participation = ParticipationFactory(left_on=datetime.date(2026, 6, 30))
    again = Participation.objects.create(
        cooperation=participation.cooperation, organisation=participation.organisation
    )
    assert list(participation.cooperation.parties()) == [again.organisation]


def test_the_database_refuses_leaving_before_joining():
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipationFactory(joined_on=datetime.date(2026, 1, 1), left_on=datetime.date(2025, 12, 31))


def test_the_database_refuses_a_second_kela():
    OrganisationFactory(kind=Organisation.Kind.KELA, name_fi="Kela")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(kind=Organisation.Kind.KELA, name_fi="Toinen Kela")


def test_the_database_refuses_an_unknown_kind():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(kind="ministry")


def test_the_database_refuses_a_municipality_code_of_the_wrong_length():
    with pytest.raises(IntegrityError), transaction.atomic():
        Municipality.objects.create(code="18", name_fi="Jämsä")


def test_an_organisation_takes_part_in_a_cooperation_once_at_a_time():
    participation = ParticipationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(
            cooperation=participation.cooperation, organisation=participation.organisation
        )


def test_a_person_is_registered_once_per_organisation():
    person = PersonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(
            organisation=person.organisation, first_name=person.first_name, last_name=person.last_name
        )


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("3221318-2", "valid"),
        ("1068366-0", "invalid"),
        ("", "missing"),
        ("1234567-2", "invalid"),
    ],
)
def test_business_id_status_flags_without_changing_the_value(value, status):
    organisation = OrganisationFactory(business_id=value)
    organisation.refresh_from_db()
    assert organisation.business_id == value
    assert organisation.business_id_status == status


def test_every_change_is_kept_in_the_history():
    municipality = MunicipalityFactory(name_fi="Jämsä")
    municipality.name_sv = "Jämsä"
    municipality.save()
    assert municipality.history.count() == 2
