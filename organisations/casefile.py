"""This app's part of a case file (casefiles/exchange.py): the cooperation, who takes part, its areas,
municipalities and their counties, the people the other records name or the secretary linked, and the
rights given in it (by user name).

Organisations, municipalities and their counties are shared national records: an import matches them
(an organisation by its Finnish name, a municipality by code) and never changes them, a municipality's
area excepted, which it sets only while the municipality is in no other cooperation's area. People are
matched across the installation too, and changed only while no other cooperation carries them."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from casefiles.exchange import part
from organisations.models import (
    Cooperation,
    CooperationPerson,
    CountyOfMunicipality,
    EmploymentArea,
    Grant,
    Municipality,
    Organisation,
    Participation,
    Person,
)


# Matched by the Finnish name, which is unique; a business ID already another organisation's is a
# warning. (Matching by business ID first would take the test worlds' organisations, which reuse real
# business IDs, for the first case's parties: tests/conftest.py, tests/factories.py.)
@part(
    Organisation,
    identity=("name_fi",),
    distinct=("business_id",),
    national=True,
    referenced=True,
    order_by=("name_fi",),
)
def organisations(cooperation: Cooperation) -> QuerySet[Organisation]:
    return cooperation.parties()


@part(Cooperation, identity=("code",), root=True)
def cooperations(cooperation: Cooperation) -> QuerySet[Cooperation]:
    return Cooperation.objects.filter(pk=cooperation.pk)


@part(Participation, identity=("cooperation", "organisation", "joined_on"))
def participations(cooperation: Cooperation) -> QuerySet[Participation]:
    return Participation.objects.filter(cooperation=cooperation)


@part(EmploymentArea, identity=("code",))
def areas(cooperation: Cooperation) -> QuerySet[EmploymentArea]:
    return EmploymentArea.objects.filter(cooperation=cooperation)


@part(Municipality, identity=("code",), national=True, claims=("area",))
def municipalities(cooperation: Cooperation) -> QuerySet[Municipality]:
    return Municipality.objects.filter(area__cooperation=cooperation)


@part(CountyOfMunicipality, identity=("municipality", "county", "valid_from"), national=True)
def counties(cooperation: Cooperation) -> QuerySet[CountyOfMunicipality]:
    return CountyOfMunicipality.objects.filter(municipality__area__cooperation=cooperation)


# Logins are not part of a case file: each installation gives its own.
@part(
    Person,
    identity=("organisation", "first_name", "last_name"),
    exclude=("user",),
    referenced=True,
    shared=True,
)
def people(cooperation: Cooperation) -> QuerySet[Person]:
    # Those the cooperation's records name (referenced), and those its secretary linked to it: never
    # every person of a party, whom another cooperation may share (Kela, a county in two).
    return Person.objects.filter(cooperation_links__cooperation=cooperation)


@part(CooperationPerson, identity=("cooperation", "person"))
def linked_people(cooperation: Cooperation) -> QuerySet[CooperationPerson]:
    return CooperationPerson.objects.filter(cooperation=cooperation)


def _right_within_the_cooperation(grant: Grant) -> dict[str, str]:
    """A right is given for an organisation that takes part in the cooperation (as services.py checks)."""
    if grant.cooperation.parties().filter(pk=grant.organisation_id).exists():
        return {}
    return {
        "organisation": _("%(organisation)s does not take part in %(cooperation)s.")
        % {"organisation": grant.organisation, "cooperation": grant.cooperation}
    }


# Rights in force, by user name: an installation without that user gives none and says so. Who gave
# or withdrew a right is the installation's own history.
@part(
    Grant,
    identity=("user", "role", "organisation", "cooperation"),
    exclude=("granted_by", "withdrawn_by", "withdrawn_at"),
    by_name=[("user", "username")],
    order_by=("user__username", "role", "organisation__name_fi"),
    check=_right_within_the_cooperation,
)
def grants(cooperation: Cooperation) -> QuerySet[Grant]:
    return Grant.objects.filter(cooperation=cooperation, withdrawn_at__isnull=True)
