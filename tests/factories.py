import factory
from django.contrib.auth import get_user_model

from organisations.models import (
    Cooperation,
    EmploymentArea,
    Municipality,
    Organisation,
    Participation,
    Person,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("password")


class CooperationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cooperation

    code = factory.Sequence(lambda n: f"coop-{n}")
    name_fi = factory.Sequence(lambda n: f"Yhteistoiminta-alue {n}")


class EmploymentAreaFactory(factory.django.DjangoModelFactory):
    """An employment area in a cooperation of its own, as most areas are (the first case is one)."""

    class Meta:
        model = EmploymentArea

    code = factory.Sequence(lambda n: f"area-{n}")
    name_fi = factory.Sequence(lambda n: f"Työllisyysalue {n}")
    name_sv = factory.Sequence(lambda n: f"Sysselsättningsområde {n}")
    cooperation = factory.SubFactory(
        CooperationFactory, code=factory.SelfAttribute("..code"), name_fi=factory.SelfAttribute("..name_fi")
    )


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    code = factory.Sequence(lambda n: f"{n % 1000:03d}")
    name_fi = factory.Sequence(lambda n: f"Kunta {n}")
    name_sv = factory.Sequence(lambda n: f"Kommun {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.WELLBEING_COUNTY
    name_fi = factory.Sequence(lambda n: f"Organisaatio {n}")
    business_id = "3221318-2"


class ParticipationFactory(factory.django.DjangoModelFactory):
    """An organisation taking part in a cooperation; AREA names the cooperation through its area."""

    class Meta:
        model = Participation

    class Params:
        area = factory.SubFactory(EmploymentAreaFactory)

    cooperation = factory.LazyAttribute(lambda o: o.area.cooperation)
    organisation = factory.SubFactory(OrganisationFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Etunimi{n}")
    last_name = factory.Sequence(lambda n: f"Sukunimi{n}")
    organisation = factory.SubFactory(OrganisationFactory)
