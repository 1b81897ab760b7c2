import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from organisations import access
from organisations.models import EmploymentArea, Organisation, Person

pytestmark = pytest.mark.django_db


def counts():
    """Rows of every model of every domain app (historical rows included, so history counts too)."""
    return {
        model._meta.label: model._default_manager.count()
        for label in settings.DOMAIN_APPS
        for model in apps.get_app_config(label).get_models()
    }


def test_it_loads_the_area_its_eight_municipalities_and_the_lead_municipality():
    call_command("load_demo", verbosity=0)
    area = EmploymentArea.objects.get(code="etela-keski-suomi")
    assert area.name_fi == "Eteläisen Keski-Suomen työllisyysalue"
    assert area.lead_municipality.name_fi == "Jämsä"
    assert sorted(area.municipalities.values_list("name_fi", flat=True)) == [
        "Joutsa",
        "Jämsä",
        "Keuruu",
        "Luhanka",
        "Multia",
        "Mänttä-Vilppula",
        "Petäjävesi",
        "Toivakka",
    ]


def test_it_loads_the_four_parties_with_their_business_ids_as_written():
    call_command("load_demo", verbosity=0)
    area = EmploymentArea.objects.get(code="etela-keski-suomi")
    written = {o.name_fi: (o.kind, o.business_id, o.business_id_status) for o in area.parties()}
    assert written == {
        "Jämsän kaupunki": ("employment_authority", "1068366-0", "invalid"),
        "Keski-Suomen hyvinvointialue": ("wellbeing_county", "3221318-2", "valid"),
        "Pirkanmaan hyvinvointialue": ("wellbeing_county", "3221308-6", "valid"),
        "Kansaneläkelaitos": ("kela", "0246246-0", "valid"),
    }
    assert area.employment_authority.address == "Paattilantie 2, 42100 Jämsä"


def test_it_loads_every_person_the_document_names_with_title_and_organisation():
    call_command("load_demo", verbosity=0)
    people = {
        p.full_name: (p.title, p.organisation.name_fi) for p in Person.objects.select_related("organisation")
    }
    assert len(people) == 24
    assert people["Satu Soutolahti"] == ("työllisyysaluejohtaja", "Jämsän kaupunki")
    assert people["Ulla Kuittu"] == ("palvelujohtaja", "Keski-Suomen hyvinvointialue")
    assert people["Anu Pihl"] == ("strategiajohtaja", "Keski-Suomen hyvinvointialue")
    assert people["Elina Lähteenmäki"] == ("palvelupäällikkö", "Pirkanmaan hyvinvointialue")
    assert people["Tommi Hallikainen"][1] == "Kansaneläkelaitos"
    assert people["Riitta Uosukainen"] == ("hallintopäällikkö", "Jämsän kaupunki")
    # The document names no title for Minna Tapanila: none is invented.
    assert people["Minna Tapanila"] == ("", "Kansaneläkelaitos")


def test_running_it_twice_changes_nothing_not_even_the_history():
    call_command("load_demo", verbosity=0)
    first = counts()
    # it loads every app's part of the case, and their history
    for label in [
        "governance.Membership",
        "agreements.Section",
        "decisions.AgendaItem",
        "costs.DevelopmentDay",
    ]:
        assert first[label] > 0
    assert first["governance.HistoricalMembership"] > 0
    call_command("load_demo", verbosity=0)
    assert counts() == first


def test_it_refuses_demo_logins_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", demo_users=True, verbosity=0)
    assert not get_user_model().objects.exists()


def test_demo_logins_get_their_roles(settings):
    settings.DEBUG = True
    call_command("load_demo", demo_users=True, verbosity=0)
    call_command("load_demo", demo_users=True, verbosity=0)
    users = get_user_model().objects
    assert users.count() == 4
    assert users.get(username="sihteeri").is_staff
    jamsa = Organisation.objects.get(name_fi="Jämsän kaupunki")
    cooperation = EmploymentArea.objects.get().cooperation
    assert access.can_act_for(users.get(username="jamsa"), jamsa, cooperation)
    assert not access.can_act_for(users.get(username="kela"), jamsa, cooperation)
    assert access.can_view_area(users.get(username="jasen"), EmploymentArea.objects.get())
    assert users.get(username="jamsa").person.full_name == "Satu Soutolahti"
    # Addresses of their own, so `make run` shows the mail the portal sends (var/mail/, #29 item 6).
    assert sorted(users.values_list("email", flat=True)) == [
        "jamsa@example.fi",
        "jasen@example.fi",
        "kela@example.fi",
        "sihteeri@example.fi",
    ]
