"""Cooperations of every shape: several employment authorities, one or more counties and Kela, the
municipalities they cover, and the data migration that carried the first case into this model."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from governance import compliance
from governance.models import SteeringGroup
from organisations.models import (
    Cooperation,
    CountyOfMunicipality,
    EmploymentArea,
    Municipality,
    Organisation,
    Participation,
)
from tests.factories import OrganisationFactory

TODAY = datetime.date(2026, 11, 28)


def rules(group, prefix="CO-"):
    return sorted((f.rule, f.message) for f in compliance.evaluate(group, TODAY) if f.rule.startswith(prefix))


@pytest.fixture
def two_authorities(db):
    """One region's municipal employment area and its largest city, each an employment authority of
    its own, with one wellbeing services county and Kela, under one cooperation."""
    cooperation = Cooperation.objects.create(code="seutu", name_fi="Seudun yhteistoiminta-alue")
    county = OrganisationFactory(name_fi="Seudun hyvinvointialue", business_id="3221318-2")
    region = OrganisationFactory(kind=Organisation.Kind.EMPLOYMENT_AUTHORITY, name_fi="Seutukunta")
    city = OrganisationFactory(kind=Organisation.Kind.EMPLOYMENT_AUTHORITY, name_fi="Suurkaupunki")
    OrganisationFactory(kind=Organisation.Kind.KELA, name_fi="Kansaneläkelaitos", business_id="0246246-0")
    for organisation in (county, region, city):
        Participation.objects.create(cooperation=cooperation, organisation=organisation)
    municipal_area = EmploymentArea.objects.create(
        code="seutu-ta", name_fi="Seudun työllisyysalue", cooperation=cooperation, employment_authority=region
    )
    city_area = EmploymentArea.objects.create(
        code="kaupunki-ta",
        name_fi="Suurkaupungin työllisyysalue",
        cooperation=cooperation,
        employment_authority=city,
    )
    municipalities = {}
    for code, name, area in [
        ("101", "Pikkukunta", municipal_area),
        ("102", "Kyläkunta", municipal_area),
        ("103", "Suurkaupunki", city_area),
    ]:
        municipalities[name] = Municipality.objects.create(code=code, name_fi=name, area=area)
        CountyOfMunicipality.objects.create(municipality=municipalities[name], county=county)
    group = SteeringGroup.objects.create(cooperation=cooperation)
    return cooperation, group, county, municipalities


def test_a_cooperation_of_two_authorities_one_county_and_kela_is_covered(two_authorities):
    cooperation, group, _county, _m = two_authorities
    assert sorted(o.name_fi for o in cooperation.parties()) == [
        "Kansaneläkelaitos",
        "Seudun hyvinvointialue",
        "Seutukunta",
        "Suurkaupunki",
    ]
    assert sorted(a.employment_authority.name_fi for a in cooperation.areas.all()) == [
        "Seutukunta",
        "Suurkaupunki",
    ]
    # one county: no record of who names the vice-chair is needed
    assert rules(group) == []


def test_a_municipality_of_a_county_that_does_not_take_part_is_an_error(two_authorities):
    _cooperation, group, _county, municipalities = two_authorities
    other = OrganisationFactory(name_fi="Naapurin hyvinvointialue")
    link = municipalities["Kyläkunta"].counties.get()
    link.county = other
    link.save()
    assert rules(group) == [
        (
            "CO-SERVED",
            "Kyläkunta: sen hyvinvointialue Naapurin hyvinvointialue ei ole mukana yhteistoiminnassa.",
        )
    ]


def test_a_municipality_without_a_county_is_a_warning(two_authorities):
    _cooperation, group, _county, municipalities = two_authorities
    municipalities["Pikkukunta"].counties.all().delete()
    [finding] = [f for f in compliance.evaluate(group, TODAY) if f.rule == "CO-COUNTY-RECORDED"]
    assert finding.severity == "warning"
    assert finding.message == "Kunnalle Pikkukunta ei ole kirjattu hyvinvointialuetta."


def test_a_county_that_serves_no_municipality_and_an_unnamed_vice_chair_county_are_warned(two_authorities):
    cooperation, group, _county, _m = two_authorities
    idle = OrganisationFactory(name_fi="Kaukainen hyvinvointialue")
    Participation.objects.create(cooperation=cooperation, organisation=idle)
    assert rules(group) == [
        (
            "CO-COUNTY-SERVES",
            "Kaukainen hyvinvointialue on mukana, mutta ei palvele yhtään alueiden kuntaa.",
        ),
        (
            "CO-VICE-CHAIR-COUNTY",
            "Mukana on useita hyvinvointialueita, eikä ole kirjattu, mikä niistä nimeää varapuheenjohtajan.",
        ),
    ]
    Participation.objects.filter(cooperation=cooperation).update(names_vice_chair=True)
    assert [r for r, _m in rules(group)] == ["CO-COUNTY-SERVES", "CO-VICE-CHAIR-COUNTY"]
    assert "Varapuheenjohtajan nimeäjäksi on kirjattu useampi kuin yksi" in rules(group)[1][1]


def test_a_county_link_outside_its_validity_does_not_count(two_authorities):
    _cooperation, group, _county, municipalities = two_authorities
    link = municipalities["Suurkaupunki"].counties.get()
    link.valid_to = datetime.date(2025, 12, 31)
    link.save()
    assert [r for r, _m in rules(group)] == ["CO-COUNTY-RECORDED"]


def test_the_first_case_has_its_counties_and_no_coverage_finding(db):
    call_command("load_demo", verbosity=0)
    counties = {
        link.municipality.name_fi: link.county.name_fi
        for link in CountyOfMunicipality.objects.select_related("municipality", "county")
    }
    assert counties.pop("Mänttä-Vilppula") == "Pirkanmaan hyvinvointialue"
    assert set(counties.values()) == {"Keski-Suomen hyvinvointialue"}
    assert len(counties) == 7
    group = SteeringGroup.objects.get()
    assert rules(group) == []
    assert (
        Participation.objects.get(names_vice_chair=True).organisation.name_fi
        == "Keski-Suomen hyvinvointialue"
    )


def test_the_coverage_rules_load_their_facts_with_a_fixed_number_of_queries(
    two_authorities, django_assert_num_queries
):
    _cooperation, group, _county, _m = two_authorities
    facts = compliance.GroupFacts(group, TODAY)
    from governance import coverage_rules

    # the areas, their municipalities, the municipalities' counties, and the counties taking part
    with django_assert_num_queries(4):
        coverage_rules.coverage(facts)
    with django_assert_num_queries(0):
        coverage_rules.coverage(facts)


OLD = [
    ("organisations", "0001_initial"),
    ("governance", "0002_historicalsteeringgroup_set_up_decision_and_more"),
    ("agreements", "0001_initial"),
    ("costs", "0001_initial"),
]
# Apps that came later, on top of the cooperations: not there before them.
LATER = ["accessrights", "archive"]


@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_each_area_a_cooperation_and_keeps_rights():
    executor = MigrationExecutor(connection)
    moved = {app for app, _name in OLD} | set(LATER)
    targets = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in moved] + OLD
    executor.migrate(targets + [(app, None) for app in LATER])
    old = executor.loader.project_state(targets).apps
    area = old.get_model("organisations", "EmploymentArea").objects.create(code="alue", name_fi="Alue")
    Organisation_ = old.get_model("organisations", "Organisation")
    city = Organisation_.objects.create(
        kind="employment_authority", name_fi="Kaupunki", business_id="3221318-2"
    )
    county = Organisation_.objects.create(
        kind="wellbeing_county", name_fi="Maakunta", business_id="3221308-6"
    )
    for organisation in (city, county):
        old.get_model("organisations", "AreaParticipation").objects.create(
            area=area, organisation=organisation
        )
    old.get_model("governance", "SteeringGroup").objects.create(area=area)
    old.get_model("agreements", "Agreement").objects.create(area=area, title="Sopimus")
    old.get_model("costs", "CostPrinciple").objects.create(area=area, text_fi="Kukin maksaa omansa.")
    User = old.get_model("auth", "User")
    editor = User.objects.create(username="editori")
    viewer = User.objects.create(username="katsoja")
    old.get_model("organisations", "Person").objects.create(
        organisation=county, first_name="Kati", last_name="Katsoja", user=viewer
    )
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    # django-guardian's table as an installation of that time had it (the package is gone, #26).
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE guardian_userobjectpermission (id integer PRIMARY KEY, user_id integer,"
            " permission_id integer, content_type_id integer, object_pk varchar(255))"
        )
    for n, (user, model, codename, pk) in enumerate(
        [
            (editor, "organisation", "act_for_organisation", city.pk),
            (editor, "employmentarea", "view_employmentarea", area.pk),
            (viewer, "employmentarea", "view_employmentarea", area.pk),
        ]
    ):
        content_type, _ = ContentType.objects.get_or_create(app_label="organisations", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename}
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO guardian_userobjectpermission VALUES (%s, %s, %s, %s, %s)",
                [n + 1, user.pk, permission.pk, content_type.pk, str(pk)],
            )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    try:
        executor.migrate(executor.loader.graph.leaf_nodes())
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE guardian_userobjectpermission")

    cooperation = Cooperation.objects.get()
    assert (cooperation.code, cooperation.name_fi) == ("alue", "Alue")
    migrated = EmploymentArea.objects.get()
    assert migrated.cooperation == cooperation
    assert migrated.employment_authority.name_fi == "Kaupunki"
    assert sorted(o.name_fi for o in cooperation.parties()) == ["Kaupunki", "Maakunta"]
    assert SteeringGroup.objects.get().cooperation == cooperation
    from agreements.models import Agreement
    from costs.models import CostPrinciple
    from organisations.models import Grant

    assert Agreement.objects.get().cooperation == cooperation
    assert CostPrinciple.objects.get().cooperation == cooperation
    grants = sorted(
        (g.user.username, g.role, g.organisation.name_fi, g.cooperation_id) for g in Grant.objects.all()
    )
    # the editor keeps acting for the city, in the cooperation it takes part in (#26: every right is
    # one cooperation's); the viewer sees the cooperation through their own organisation
    assert grants == [
        ("editori", "editor", "Kaupunki", cooperation.pk),
        ("katsoja", "viewer", "Maakunta", cooperation.pk),
    ]
