import factory
from django.contrib.auth import get_user_model

from organisations.models import AreaParticipation, EmploymentArea, Municipality, Organisation, Person


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("password")


class EmploymentAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmploymentArea

    code = factory.Sequence(lambda n: f"area-{n}")
    name_fi = factory.Sequence(lambda n: f"Työllisyysalue {n}")
    name_sv = factory.Sequence(lambda n: f"Sysselsättningsområde {n}")


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
    class Meta:
        model = AreaParticipation

    area = factory.SubFactory(EmploymentAreaFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Etunimi{n}")
    last_name = factory.Sequence(lambda n: f"Sukunimi{n}")
    organisation = factory.SubFactory(OrganisationFactory)
