"""This app's part of a case file (casefiles/exchange.py): the cooperation, who takes part, its areas,
municipalities and their counties, and the people the other records name."""

from django.db.models import QuerySet

from casefiles.exchange import part
from organisations.models import (
    Cooperation,
    CountyOfMunicipality,
    EmploymentArea,
    Municipality,
    Organisation,
    Participation,
    Person,
)


@part(Organisation, identity=("name_fi",), referenced=True, order_by=("name_fi",))
def organisations(cooperation: Cooperation) -> QuerySet[Organisation]:
    return cooperation.parties()


@part(Cooperation, identity=("code",))
def cooperations(cooperation: Cooperation) -> QuerySet[Cooperation]:
    return Cooperation.objects.filter(pk=cooperation.pk)


@part(Participation, identity=("cooperation", "organisation", "joined_on"))
def participations(cooperation: Cooperation) -> QuerySet[Participation]:
    return Participation.objects.filter(cooperation=cooperation)


@part(EmploymentArea, identity=("code",))
def areas(cooperation: Cooperation) -> QuerySet[EmploymentArea]:
    return EmploymentArea.objects.filter(cooperation=cooperation)


@part(Municipality, identity=("code",))
def municipalities(cooperation: Cooperation) -> QuerySet[Municipality]:
    return Municipality.objects.filter(area__cooperation=cooperation)


@part(CountyOfMunicipality, identity=("municipality", "county", "valid_from"))
def counties(cooperation: Cooperation) -> QuerySet[CountyOfMunicipality]:
    return CountyOfMunicipality.objects.filter(municipality__area__cooperation=cooperation)


# Logins are not part of a case file: each installation gives its own.
@part(Person, identity=("organisation", "first_name", "last_name"), exclude=("user",), referenced=True)
def people(cooperation: Cooperation) -> QuerySet[Person]:
    # Kela's people across the country are not this cooperation's: only those its records name.
    parties = cooperation.parties().exclude(kind=Organisation.Kind.KELA)
    return Person.objects.filter(organisation__in=parties)
