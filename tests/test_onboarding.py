"""A cooperation from nothing (#26 item 7): the national administrator creates it in one transaction,
with its parties, areas, municipalities and secretary; the secretary adds bodies, people without a
login and the steering group; the scripted commands create_user and invite_user. Refusals are
translated, name the record, and save nothing."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from organisations import onboarding
from organisations.access import make_secretary
from organisations.models import (
    Cooperation,
    CooperationPerson,
    EmploymentArea,
    Grant,
    Municipality,
    Organisation,
    Participation,
    Person,
)
from tests.conftest import client_for
from tests.factories import (
    EmploymentAreaFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ParticipationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CITY = "1234560-4"
COUNTY = "1234561-2"
SECOND_CITY = "1234562-0"


def form_data(**changes) -> dict:
    data = {
        "code": "jarvi-suomi",
        "name_fi": "Järvi-Suomen yhteistoiminta-alue",
        "name_sv": "",
        "employment_authorities": f"{CITY} Järvikaupunki\n{SECOND_CITY} Rantakaupunki",
        "counties": f"{COUNTY} Järvi-Suomen hyvinvointialue",
        "areas": (f"Järviseudun työllisyysalue; {CITY}; 179, 500\nRannan työllisyysalue; {SECOND_CITY}; 892"),
        "chair_named_by": CITY,
        "vice_chair_named_by": "",
        "secretary_login": "sanna.sihteeri@example.fi",
        "secretary_first_name": "Sanna",
        "secretary_last_name": "Sihteeri",
        "secretary_organisation": CITY,
    }
    return {**data, **changes}


def create(actor, **changes) -> onboarding.Created:
    """The service as the portal's form calls it, from the form's own parsing."""
    from organisations.onboarding_views import CooperationForm, _create

    form = CooperationForm(form_data(**changes))
    assert form.is_valid(), form.errors
    return _create(form.cleaned_data, actor)


@pytest.fixture
def administrator():
    user = UserFactory(username="kansallinen")
    make_secretary(user)
    return user


def test_it_creates_the_cooperation_with_its_parties_areas_municipalities_and_secretary(administrator):
    kept = MunicipalityFactory(code="500", name_fi="Muurame", name_sv="Muurame", area=None)
    created = create(administrator)

    cooperation = created.cooperation
    assert cooperation.code == "jarvi-suomi"
    parties = {o.name_fi: o.kind for o in cooperation.parties()}
    assert parties == {
        "Järvikaupunki": "employment_authority",
        "Rantakaupunki": "employment_authority",
        "Järvi-Suomen hyvinvointialue": "wellbeing_county",
        "Kansaneläkelaitos": "kela",  # Kela is always a party, recorded the first time it is needed
    }
    lakes, shore = cooperation.areas.order_by("name_fi")
    assert lakes.name_fi == "Järviseudun työllisyysalue"
    assert lakes.employment_authority.business_id == CITY
    assert lakes.lead_municipality.code == "179"
    assert sorted(lakes.municipalities.values_list("code", flat=True)) == ["179", "500"]
    assert lakes.lead_municipality.name_fi == "Jyväskylä"  # from the national register
    assert shore.employment_authority.business_id == SECOND_CITY
    # Of the two employment authorities, the one named names the chair (VNA 388/2024).
    assert list(
        cooperation.participations.filter(names_chair=True).values_list(
            "organisation__business_id", flat=True
        )
    ) == [CITY]
    kept.refresh_from_db()
    assert kept.area == lakes
    assert kept.history.first().history_user == administrator
    assert created.invited
    secretary = created.secretary
    assert secretary.email == "sanna.sihteeri@example.fi"
    assert not secretary.has_usable_password()
    grant = Grant.objects.get(user=secretary)
    assert (grant.role, grant.cooperation, grant.organisation.business_id) == ("secretary", cooperation, CITY)
    assert secretary.person.organisation.business_id == CITY
    assert cooperation.history.first().history_user == administrator


def test_a_registered_organisation_and_municipality_are_matched_never_changed(administrator):
    city = OrganisationFactory(
        kind=Organisation.Kind.EMPLOYMENT_AUTHORITY, name_fi="Järvikaupungin kaupunki", business_id=CITY
    )
    recorded = MunicipalityFactory(code="179", name_fi="Jyväskylä", name_sv="Jyväskylä", area=None)
    create(
        administrator,
        employment_authorities=f"{CITY} Toinen nimi",
        areas=f"Järviseudun työllisyysalue; {CITY}; 179 Muu nimi",
    )
    city.refresh_from_db()
    recorded.refresh_from_db()
    assert city.name_fi == "Järvikaupungin kaupunki"
    assert recorded.name_fi == "Jyväskylä"
    assert Organisation.objects.filter(business_id=CITY).count() == 1


def test_an_existing_user_is_named_secretary_without_an_invitation(administrator):
    sanna = UserFactory(username="sanna", email="sanna@example.fi")
    created = create(administrator, secretary_login="sanna", secretary_first_name="", secretary_last_name="")
    assert created.secretary == sanna
    assert not created.invited
    assert Grant.objects.get(user=sanna).role == "secretary"


def nothing_saved(counts_before: dict) -> None:
    assert counts() == counts_before


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (Cooperation, Organisation, EmploymentArea, Municipality, Participation, Person, Grant)
    } | {"users": get_user_model().objects.count()}


def test_a_municipality_in_another_cooperations_area_is_refused_and_nothing_is_saved(administrator):
    other = EmploymentAreaFactory(code="toinen", name_fi="Toinen työllisyysalue")
    MunicipalityFactory(code="500", name_fi="Muurame", name_sv="Muurame", area=other)
    before = counts()
    with translation.override("en"), pytest.raises(onboarding.ValidationError) as refused:
        create(administrator)
    assert refused.value.message_dict == {
        "areas": [
            "Line 1: Muurame (500) already belongs to the employment area Toinen työllisyysalue of the "
            "cooperation Toinen työllisyysalue."
        ]
    }
    nothing_saved(before)


def test_a_duplicate_code_is_refused(administrator):
    create(administrator)
    before = counts()
    with translation.override("en"), pytest.raises(onboarding.ValidationError) as refused:
        create(
            administrator,
            areas=f"Toinen alue; {CITY}; 850",
            secretary_login="toinen@example.fi",
        )
    assert refused.value.message_dict["code"] == ["A cooperation with the code jarvi-suomi already exists."]
    nothing_saved(before)


def test_new_is_no_cooperations_code_as_its_address_is_the_page_that_creates_one(administrator):
    with translation.override("en"), pytest.raises(onboarding.ValidationError) as refused:
        create(administrator, code="new")
    assert refused.value.message_dict == {"code": ["new cannot be a cooperation's code."]}
    assert reverse("cooperation-create") == "/cooperations/new/"


def test_the_form_refuses_a_business_id_with_a_wrong_check_digit(administrator):
    from organisations.onboarding_views import CooperationForm

    with translation.override("en"):
        form = CooperationForm(form_data(counties="1234561-3 Väärä hyvinvointialue"))
        assert not form.is_valid()
    assert form.errors["counties"] == ["Line 1: The check digit of business ID 1234561-3 is wrong."]


def test_each_mistake_is_named_with_its_line(administrator):
    from organisations.onboarding_views import CooperationForm

    with translation.override("en"):
        form = CooperationForm(form_data(areas=f"Järviseutu; {CITY}\nRanta; {SECOND_CITY}; 12 Ranta"))
        assert not form.is_valid()
    assert form.errors["areas"] == [
        "Line 1: write the area's name, its employment authority's business ID and its municipalities, "
        "separated by semicolons.",
        "Line 2: 12 Ranta is not a municipality: write its three-digit code, e.g. 179.",
    ]


def test_an_area_needs_a_listed_employment_authority_and_municipalities_of_the_register(administrator):
    before = counts()
    with translation.override("en"), pytest.raises(onboarding.ValidationError) as refused:
        create(administrator, areas=f"Järviseutu; {COUNTY}; 001")
    assert refused.value.message_dict["areas"] == [
        f"Line 1: {COUNTY} is not among the employment authorities above.",
        "Line 1: 001 is not a municipality code in the national register.",
    ]
    nothing_saved(before)


def test_with_two_employment_authorities_the_one_naming_the_chair_is_given(administrator):
    before = counts()
    with translation.override("en"), pytest.raises(onboarding.ValidationError) as refused:
        create(administrator, chair_named_by="", vice_chair_named_by=CITY)
    assert refused.value.message_dict == {
        "chair_named_by": ["With two or more employment authorities, give the one that names the chair."],
        "vice_chair_named_by": [f"{CITY} is not among the wellbeing services counties above."],
    }
    nothing_saved(before)


def test_the_secretary_comes_from_a_party(administrator):
    outside = OrganisationFactory(name_fi="Ulkopuolinen", business_id="1234563-9")
    with translation.override("en"), pytest.raises(onboarding.ValidationError) as refused:
        create(administrator, secretary_organisation=outside.business_id)
    assert refused.value.message_dict == {
        "secretary_organisation": ["The secretary's organisation must be one of the parties above."]
    }


# The portal pages.


def test_only_a_national_administrator_creates_a_cooperation_in_the_portal(administrator):
    area = EmploymentAreaFactory()
    secretary = UserFactory(username="alueen-sihteeri")
    city = OrganisationFactory(kind=Organisation.Kind.EMPLOYMENT_AUTHORITY, business_id=CITY)
    ParticipationFactory(area=area, organisation=city)
    Grant.objects.create(user=secretary, role="secretary", organisation=city, cooperation=area.cooperation)
    url = reverse("cooperation-create")
    assert client_for(secretary).get(url).status_code == 404
    assert client_for(secretary).post(url, form_data()).status_code == 404
    assert not Cooperation.objects.filter(code="jarvi-suomi").exists()

    client = client_for(administrator)
    assert client.get(url).status_code == 200
    response = client.post(url, form_data())
    assert response.status_code == 302
    assert response["Location"] == "/cooperations/jarvi-suomi/"
    [invitation] = mail.outbox
    assert invitation.to == ["sanna.sihteeri@example.fi"]
    assert "/accounts/reset/" in invitation.body


def test_a_refused_cooperation_comes_back_with_its_errors(administrator):
    other = EmploymentAreaFactory(code="toinen", name_fi="Toinen työllisyysalue")
    MunicipalityFactory(code="892", name_fi="Uurainen", name_sv="Uurainen", area=other)
    response = client_for(administrator).post(reverse("cooperation-create"), form_data())
    assert response.status_code == 400
    assert "Rivi 2: Uurainen (892) kuuluu jo" in response.content.decode()
    assert not mail.outbox
    assert not Cooperation.objects.filter(code="jarvi-suomi").exists()


@pytest.fixture
def new_cooperation(administrator):
    created = create(administrator)
    secretary = created.secretary
    secretary.set_password("password")
    secretary.save()
    return created.cooperation, secretary


def test_the_secretary_adds_people_bodies_and_the_steering_group(new_cooperation):
    from decisions.models import Body
    from governance.models import SteeringGroup

    cooperation, secretary = new_cooperation
    client = client_for(secretary)
    assert client.get(reverse("cooperation-setup", args=[cooperation.code])).status_code == 200
    city = Organisation.objects.get(business_id=CITY)
    response = client.post(
        reverse("cooperation-person-create", args=[cooperation.code]),
        {"organisation": city.pk, "first_name": "Lauri", "last_name": "Lautakunta", "title": "jäsen"},
    )
    assert response.status_code == 302
    lauri = Person.objects.get(last_name="Lautakunta")
    assert lauri.user is None
    assert CooperationPerson.objects.filter(cooperation=cooperation, person=lauri).exists()

    area = cooperation.areas.get(name_fi="Rannan työllisyysalue")
    response = client.post(
        reverse("body-create", args=[area.code]),
        {"name_fi": "Rantakaupungin kaupunginhallitus", "kind": "municipal"},
    )
    assert response.status_code == 302
    body = Body.objects.get(name_fi="Rantakaupungin kaupunginhallitus")
    assert (body.area, body.code) == (area, "rantakaupungin-kaupunginhallitus")

    response = client.post(
        reverse("group-create", args=[cooperation.code]),
        {"name": "TYM-johtoryhmä", "term_start": "2026-01-01", "set_up_reference": "§ 5/2026"},
    )
    group = SteeringGroup.objects.get(cooperation=cooperation)
    assert response.status_code == 302
    assert response["Location"] == f"/groups/{group.pk}/"
    assert group.term_end == datetime.date(2030, 12, 31)  # five years (VNA 388/2024)
    setup_page = client.get(reverse("cooperation-setup", args=[cooperation.code])).content.decode()
    assert "Lauri Lautakunta" in setup_page
    assert "Rantakaupungin kaupunginhallitus" in setup_page


def test_a_person_of_an_organisation_outside_the_cooperation_is_refused(new_cooperation):
    cooperation, secretary = new_cooperation
    outside = OrganisationFactory(name_fi="Ulkopuolinen", business_id="1234563-9")
    response = client_for(secretary).post(
        reverse("cooperation-person-create", args=[cooperation.code]),
        {"organisation": outside.pk, "first_name": "Olli", "last_name": "Ulkona"},
    )
    assert response.status_code == 400
    assert not Person.objects.filter(last_name="Ulkona").exists()


def test_another_cooperations_secretary_gets_404_and_changes_nothing(new_cooperation, administrator):
    cooperation, _secretary = new_cooperation
    other = create(
        administrator,
        code="toinen",
        name_fi="Toinen yhteistoiminta-alue",
        employment_authorities="1234564-7 Kolmas kaupunki",
        counties="1234565-5 Toinen hyvinvointialue",
        areas="Kolmas työllisyysalue; 1234564-7; 410",
        chair_named_by="",
        secretary_login="toinen@example.fi",
        secretary_organisation="1234564-7",
    ).secretary
    other.set_password("password")
    other.save()
    client = client_for(other)
    area = cooperation.areas.first()
    for url, data in [
        (reverse("cooperation-setup", args=[cooperation.code]), None),
        (
            reverse("cooperation-person-create", args=[cooperation.code]),
            {"first_name": "A", "last_name": "B"},
        ),
        (reverse("body-create", args=[area.code]), {"name_fi": "Lautakunta", "kind": "municipal"}),
        (reverse("group-create", args=[cooperation.code]), {"name": "Ryhmä"}),
    ]:
        assert client.get(url).status_code == 404
        if data:
            assert client.post(url, data).status_code == 404
    assert not cooperation.steering_groups.exists()
    assert not area.bodies.exists()
    assert not Person.objects.filter(last_name="B").exists()


# The scripted commands.


def test_create_user_makes_a_login_without_rights_and_sends_the_invitation(db):
    call_command("create_user", "kerttu", "--email", "kerttu@example.fi", "--name", "Kerttu Kirjaaja")
    user = get_user_model().objects.get(username="kerttu")
    assert (user.email, user.first_name, user.last_name) == ("kerttu@example.fi", "Kerttu", "Kirjaaja")
    assert not user.has_usable_password()
    assert not Grant.objects.filter(user=user).exists()
    [invitation] = mail.outbox
    assert invitation.to == ["kerttu@example.fi"]
    with pytest.raises(CommandError, match="Käyttäjä, jolla on tämä käyttäjätunnus tai sähköpostiosoite"):
        call_command("create_user", "kerttu2", "--email", "KERTTU@example.fi")


@pytest.fixture
def scripted(administrator):
    cooperation = create(administrator).cooperation
    mail.outbox.clear()
    return cooperation


def test_invite_user_gives_a_right_in_one_cooperation(scripted):
    call_command("create_user", "kerttu", "--email", "kerttu@example.fi", "--name", "Kerttu Kirjaaja")
    call_command(
        "invite_user",
        "kerttu@example.fi",
        "--organisation",
        COUNTY,
        "--cooperation",
        "jarvi-suomi",
        "--role",
        "editor",
    )
    user = get_user_model().objects.get(username="kerttu")
    grant = Grant.objects.get(user=user)
    assert (grant.role, grant.organisation.business_id, grant.cooperation) == ("editor", COUNTY, scripted)
    assert user.person.organisation.business_id == COUNTY
    assert len(mail.outbox) == 2  # create_user's, and again: no password chosen yet


def test_invite_user_invites_a_new_login_with_its_name(scripted):
    call_command(
        "invite_user",
        "viivi@example.fi",
        "--organisation",
        CITY,
        "--cooperation",
        "jarvi-suomi",
        "--role",
        "viewer",
        "--name",
        "Viivi Katselija",
    )
    user = get_user_model().objects.get(email="viivi@example.fi")
    assert Grant.objects.get(user=user).role == "viewer"
    assert [m.to for m in mail.outbox] == [["viivi@example.fi"]]


@pytest.mark.parametrize(
    ("organisation", "cooperation", "message"),
    [
        (CITY, "ei-ole", "Yhteistoiminta-aluetta tunnuksella ei-ole ei ole."),
        ("1234569-8", "jarvi-suomi", "Organisaatiota Y-tunnuksella 1234569-8 ei ole."),
        ("1234563-9", "jarvi-suomi", "Ulkopuolinen ei ole osapuolena yhteistoiminta-alueella jarvi-suomi."),
    ],
)
def test_invite_user_refuses_what_it_cannot_find_and_saves_nothing(
    scripted, organisation, cooperation, message
):
    OrganisationFactory(name_fi="Ulkopuolinen", business_id="1234563-9")
    before = counts()
    with pytest.raises(CommandError) as refused:
        call_command(
            "invite_user",
            "uusi@example.fi",
            "--organisation",
            organisation,
            "--cooperation",
            cooperation,
            "--role",
            "editor",
            "--name",
            "Uusi Käyttäjä",
        )
    assert str(refused.value) == message
    nothing_saved(before)
    assert not mail.outbox
