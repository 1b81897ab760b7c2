"""Case files cannot disturb another cooperation (#26 item 4): a second cooperation, of another shape
(two employment authorities, one county), imported beside the first leaves the first one's export
byte for byte as it was; what would touch another cooperation is refused by its JSON path, with
nothing saved; shared national records are matched, never changed, and a difference is a warning."""

import copy
import datetime
import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from casefiles import exchange, versions
from costs.models import DevelopmentDay, Invoice
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

pytestmark = pytest.mark.django_db

FIRST = "etela-keski-suomi"
SECOND_FILE = Path(settings.BASE_DIR) / "docs" / "cases" / "paijat-hame.json"


def second() -> dict:
    return json.loads(SECOND_FILE.read_text(encoding="utf-8"))


def export_text(code: str = FIRST) -> str:
    out = StringIO()
    call_command("export_cooperation", code, stdout=out)
    return out.getvalue()


def import_(data, tmp_path) -> tuple[str, str]:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_cooperation", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(data, tmp_path) -> list[str]:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    errors = StringIO()
    with pytest.raises(CommandError, match="Nothing was saved"):
        call_command("import_cooperation", str(path), stdout=StringIO(), stderr=errors)
    return errors.getvalue().splitlines()


def counts():
    return {
        model._meta.label: model._default_manager.count()
        for label in settings.DOMAIN_APPS
        for model in apps.get_app_config(label).get_models()
    }


def place(data: dict, model: str, **fields) -> int:
    return next(
        n
        for n, r in enumerate(data["records"])
        if r["model"] == model and all(r["fields"].get(k) == v for k, v in fields.items())
    )


@pytest.fixture
def first():
    call_command("load_demo", verbosity=0)


def test_a_second_cooperation_leaves_the_first_ones_export_identical_and_load_demo_finds_nothing_to_do(
    first, tmp_path
):
    before = export_text()
    out, err = import_(second(), tmp_path)
    assert out.startswith("Imported: ")
    assert err == ""  # the second file's Kela is the first's: nothing differs, nothing to warn of
    assert export_text() == before

    report = StringIO()
    call_command("load_demo", stdout=report)
    assert report.getvalue().startswith("Demo data loaded: 0 created, 0 updated.")
    assert export_text() == before

    cooperation = Cooperation.objects.get(code="paijat-hame")
    authorities = cooperation.parties().filter(kind=Organisation.Kind.EMPLOYMENT_AUTHORITY)
    assert sorted(authorities.values_list("name_fi", flat=True)) == ["Hollolan kunta", "Lahden kaupunki"]
    assert cooperation.parties().filter(kind=Organisation.Kind.WELLBEING_COUNTY).count() == 1
    assert Participation.objects.get(cooperation=cooperation, names_chair=True).organisation.name_fi == (
        "Lahden kaupunki"
    )
    assert sorted(EmploymentArea.objects.filter(cooperation=cooperation).values_list("code", flat=True)) == [
        "hollolan-tyollisyysalue",
        "lahti",
    ]
    assert Organisation.objects.filter(kind=Organisation.Kind.KELA).count() == 1
    # and the second cooperation's own export reads back as it was
    again = json.loads(export_text("paijat-hame"))
    before_second = counts()
    out, _err = import_(again, tmp_path)
    assert out == f"Imported: 0 created, 0 updated, {len(again['records'])} unchanged.\n"
    assert counts() == before_second


def test_the_year_s_work_travels_in_the_case_file(first):
    data = json.loads(export_text())
    models = {r["model"] for r in data["records"]}
    for label in [
        "staffing.objective",
        "staffing.indicator",
        "staffing.measurement",
        "staffing.staffingreview",
        "staffing.staffline",
        "staffing.clientline",
        "governance.membership",
        "agreements.topicsection",
    ]:
        assert label in models, label
    objective = next(r for r in data["records"] if r["model"] == "staffing.objective")
    assert len(objective["refs"]["responsible"]) == 4
    assert objective["refs"]["national_objectives"]


def test_an_invoice_number_of_another_cooperation_is_refused_and_its_invoice_is_untouched(first, tmp_path):
    day = DevelopmentDay.objects.get(group__cooperation__code=FIRST)
    jamsa = Organisation.objects.get(name_fi="Jämsän kaupunki")
    kela = Organisation.objects.get(kind=Organisation.Kind.KELA)
    theirs = Invoice.objects.create(
        day=day,
        number="KP-2025-001",
        debtor=kela,
        creditor=jamsa,
        registrations=1,
        share=Decimal("75.00"),
        amount=Decimal("75.00"),
        due_date=datetime.date(2025, 11, 30),
    )
    before, exported = counts(), export_text()
    data = second()
    day_key = next(r["key"] for r in data["records"] if r["model"] == "costs.developmentday")
    orgs = {
        r["fields"]["name_fi"]: r["key"]
        for r in data["records"]
        if r["model"] == "organisations.organisation"
    }
    data["records"].append(
        {
            "model": "costs.invoice",
            "key": "invoice:1",
            "fields": {
                "number": "KP-2025-001",
                "kind": "invoice",
                "registrations": 1,
                "share": "150.00",
                "amount": "150.00",
                "due_date": "2025-12-31",
                "status": "draft",
            },
            "refs": {
                "day": day_key,
                "debtor": orgs["Hollolan kunta"],
                "creditor": orgs["Lahden kaupunki"],
                "credits": None,
            },
        }
    )
    n = len(data["records"]) - 1
    errors = refused(data, tmp_path)
    assert errors == [
        f"$.records[{n}].fields.number: laskutusperuste ”KP-2025-001” (numero KP-2025-001) kuuluu toiselle "
        "yhteistoiminta-alueelle: tapaustiedosto ei voi muuttaa sitä eikä ottaa sitä omakseen."
    ]
    theirs.refresh_from_db()
    assert (theirs.day, theirs.debtor, theirs.amount) == (day, kela, Decimal("75.00"))
    assert counts() == before
    assert export_text() == exported
    assert not Cooperation.objects.filter(code="paijat-hame").exists()


def test_a_municipality_of_another_cooperations_area_is_refused_with_its_path(first, tmp_path):
    before = counts()
    data = second()
    n = place(data, "organisations.municipality", code="781")
    data["records"][n]["fields"].update({"code": "182", "name_fi": "Jämsä", "name_sv": "Jämsä"})
    errors = refused(data, tmp_path)
    assert errors[0].startswith(f"$.records[{n}].refs.area: kunta ”Jämsä” kuuluu jo toisen")
    assert "Eteläisen Keski-Suomen työllisyysalue" in errors[0]
    assert Municipality.objects.get(code="182").area.code == FIRST
    assert counts() == before


def test_the_same_file_under_another_cooperation_code_cannot_take_over_the_first_ones_rows(first, tmp_path):
    before = counts()
    data = json.loads(export_text())
    data["cooperation"] = "toinen"
    n = place(data, "organisations.cooperation")
    data["records"][n]["fields"]["code"] = "toinen"
    area = place(data, "organisations.employmentarea")
    errors = refused(data, tmp_path)
    assert errors[0] == (
        f"$.records[{area}].fields.code: työllisyysalue ”Eteläisen Keski-Suomen työllisyysalue” (tunnus "
        f"{FIRST}) kuuluu toiselle yhteistoiminta-alueelle: tapaustiedosto ei voi muuttaa sitä eikä ottaa "
        "sitä omakseen."
    )
    # What refers to the refused area (its municipalities, bodies, meetings) is not read either.
    assert not Cooperation.objects.filter(code="toinen").exists()
    assert counts() == before


def test_a_file_whose_cooperation_record_is_another_is_refused(tmp_path):
    data = second()
    n = place(data, "organisations.cooperation")
    data["records"][n]["fields"]["code"] = FIRST
    assert refused(data, tmp_path) == [
        f"$.records[{n}].fields.code: Tiedosto on yhteistoiminta-alueen ”paijat-hame” tapaustiedosto, mutta "
        f"tämä tietue on ”{FIRST}”."
    ]
    assert not Cooperation.objects.exists()


def test_two_records_of_one_municipality_code_or_one_business_id_are_refused(tmp_path):
    data = second()
    lahti = place(data, "organisations.municipality", code="398")
    sysma = place(data, "organisations.municipality", code="781")
    data["records"][sysma]["fields"]["code"] = "398"
    kela = place(data, "organisations.organisation", kind="kela")
    county = place(data, "organisations.organisation", kind="wellbeing_county")
    data["records"][county]["fields"]["business_id"] = "0246246-0"
    errors = refused(data, tmp_path)
    first_dup, second_dup = sorted([kela, county]), sorted([lahti, sysma])
    assert errors[:2] == [
        f"$.records[{first_dup[1]}]: Sama organisaatio kuin $.records[{first_dup[0]}] (Y-tunnus: 0246246-0): "
        "anna kukin vain kerran.",
        f"$.records[{second_dup[1]}]: Sama kunta kuin $.records[{second_dup[0]}] (kuntanumero: 398): "
        "anna kukin vain kerran.",
    ]
    assert not Municipality.objects.filter(area__isnull=False).exists()
    assert not Organisation.objects.exists()


def test_a_shared_record_is_matched_never_changed_and_the_difference_is_a_warning(first, tmp_path):
    exported = export_text()
    data = second()
    n = place(data, "organisations.organisation", kind="kela")
    data["records"][n]["fields"]["address"] = "Nordenskiöldinkatu 12, 00250 Helsinki"
    out, err = import_(data, tmp_path)
    assert out.startswith("Imported: ")
    assert f"$.records[{n}]: organisaatio ”Kansaneläkelaitos” on yhteinen kansallinen tieto" in err
    assert "PL 450, 00056 Kela → Nordenskiöldinkatu 12, 00250 Helsinki" in err
    assert Organisation.objects.get(kind=Organisation.Kind.KELA).address == "PL 450, 00056 Kela"
    assert export_text() == exported


def test_a_person_another_cooperation_names_is_not_changed_one_of_its_own_is(first, tmp_path):
    exported = export_text()
    data = second()
    kela = next(r["key"] for r in data["records"] if r["fields"].get("kind") == "kela")
    shared = Person.objects.get(first_name="Tommi", last_name="Hallikainen")
    data["records"].insert(
        place(data, "organisations.cooperationperson"),
        {
            "model": "organisations.person",
            "key": "person:hallikainen",
            "fields": {"first_name": "Tommi", "last_name": "Hallikainen", "title": "johtaja"},
            "refs": {"organisation": kela},
        },
    )
    cooperation = next(r["key"] for r in data["records"] if r["model"] == "organisations.cooperation")
    data["records"].append(
        {
            "model": "organisations.cooperationperson",
            "key": "link:hallikainen",
            "fields": {},
            "refs": {"cooperation": cooperation, "person": "person:hallikainen"},
        }
    )
    _out, err = import_(data, tmp_path)
    assert "”Tommi Hallikainen” on myös yhteistoiminta-alueen" in err
    assert Person.objects.get(pk=shared.pk).title == shared.title
    assert export_text() == exported

    own = next(r for r in data["records"] if r["fields"].get("last_name") == "Korhonen")
    own["fields"]["title"] = "työllisyyspäällikkö"
    import_(data, tmp_path)
    assert Person.objects.get(last_name="Korhonen").title == "työllisyyspäällikkö"


def test_rights_travel_by_user_name_an_unknown_one_is_a_warning_and_none_is_given_outside(first, tmp_path):
    data = second()
    user = get_user_model().objects.create_user("lahti-sihteeri")
    orgs = {
        r["fields"]["name_fi"]: r["key"]
        for r in data["records"]
        if r["model"] == "organisations.organisation"
    }
    cooperation = next(r["key"] for r in data["records"] if r["model"] == "organisations.cooperation")

    def grant(username, organisation):
        return {
            "model": "organisations.grant",
            "key": f"grant:{username}",
            "fields": {"user": username, "role": "editor"},
            "refs": {"organisation": orgs[organisation], "cooperation": cooperation},
        }

    data["records"] += [grant("lahti-sihteeri", "Lahden kaupunki"), grant("ei-ketaan", "Hollolan kunta")]
    _out, err = import_(data, tmp_path)
    assert f"$.records[{len(data['records']) - 1}].fields.user: " in err
    assert "ei-ketaan" in err
    given = Grant.objects.get(user=user)
    assert (given.organisation.name_fi, given.cooperation.code) == ("Lahden kaupunki", "paijat-hame")
    exported = json.loads(export_text("paijat-hame"))
    assert [r["fields"]["user"] for r in exported["records"] if r["model"] == "organisations.grant"] == [
        "lahti-sihteeri"
    ]

    # A right for an organisation that takes part in another cooperation only is refused.
    jamsa = Organisation.objects.get(name_fi="Jämsän kaupunki")
    data["records"].insert(0, {**copy.deepcopy(data["records"][0]), "key": "organisation:jamsa"})
    data["records"][0]["fields"].update(
        {k: getattr(jamsa, k) for k in ("kind", "name_fi", "name_sv", "business_id", "address", "source")}
    )
    orgs["Jämsän kaupunki"] = "organisation:jamsa"
    data["records"].append(grant("lahti-sihteeri", "Jämsän kaupunki") | {"key": "grant:jamsa"})
    errors = refused(data, tmp_path)
    assert errors == [
        f"$.records[{len(data['records']) - 1}].refs.organisation: Jämsän kaupunki ei osallistu "
        "yhteistoiminta-alueeseen Päijät-Hämeen monialaisen tuen yhteistoimintamalli."
    ]


def test_a_version_1_file_is_upgraded_in_memory_its_unnamed_people_linked_to_the_cooperation(tmp_path):
    v2 = second()
    v1 = copy.deepcopy(v2)
    v1["version"] = 1
    # What version 1 had: no links of people, no names_chair, none of the year's work.
    new_in_2 = {versions.LINK, "organisations.grant", "agreements.topicsection", "agreements.partyapproval"}
    v1["records"] = [
        r for r in v1["records"] if r["model"] not in new_in_2 and not r["model"].startswith("staffing.")
    ]
    for r in v1["records"]:
        r["fields"].pop("names_chair", None)
    assert any(
        r["model"] == versions.LINK for r in v2["records"]
    )  # the second case links a person no record names

    upgraded = versions.upgrade(v1)
    assert v1["version"] == 1  # the file read is not changed
    assert upgraded["version"] == exchange.VERSION
    assert upgraded["records"][: len(v1["records"])] == v1["records"]  # paths stay
    links = upgraded["records"][len(v1["records"]) :]
    people = {r["key"]: r["fields"]["last_name"] for r in v1["records"] if r["model"] == versions.PERSON}
    assert sorted(people[link["refs"]["person"]] for link in links) == ["Nieminen"]

    out, _err = import_(v1, tmp_path)
    assert out.startswith("Imported: ")
    cooperation = Cooperation.objects.get(code="paijat-hame")
    assert sorted(
        CooperationPerson.objects.filter(cooperation=cooperation).values_list("person__last_name", flat=True)
    ) == ["Nieminen"]
    assert json.loads(export_text("paijat-hame"))["version"] == 2


def test_a_version_1_file_with_an_error_names_the_error_by_its_own_path(tmp_path):
    v1 = second()
    v1["version"] = 1
    n = place(v1, "organisations.municipality", code="398")
    v1["records"][n]["fields"]["code"] = "999"
    errors = refused(v1, tmp_path)
    assert errors
    assert all(e.startswith(f"$.records[{n}].") for e in errors)
    assert not Cooperation.objects.exists()


def test_a_first_import_creates_and_updates_nothing_it_did_not_create(tmp_path):
    data = second()
    out, err = import_(data, tmp_path)
    # The areas' lead municipalities come later in the file: completing them is part of creating them.
    assert (out, err) == (f"Imported: {len(data['records'])} created, 0 updated, 0 unchanged.\n", "")


def test_a_county_both_cooperations_share_brings_no_people_of_one_into_the_others_export(first, tmp_path):
    exported = export_text()
    pirha = Organisation.objects.get(name_fi="Pirkanmaan hyvinvointialue")
    data = second()
    cooperation = next(r["key"] for r in data["records"] if r["model"] == "organisations.cooperation")
    fields = ("kind", "name_fi", "name_sv", "business_id", "address", "source")
    data["records"][1:1] = [
        {
            "model": "organisations.organisation",
            "key": "organisation:pirha",
            "fields": {name: getattr(pirha, name) for name in fields},
            "refs": {},
        }
    ]
    at = place(data, "organisations.participation") + 1
    data["records"][at:at] = [
        {
            "model": "organisations.participation",
            "key": "participation:pirha",
            "fields": {"joined_on": "2025-01-01", "names_chair": False, "names_vice_chair": False},
            "refs": {"cooperation": cooperation, "organisation": "organisation:pirha"},
        }
    ]
    data["records"] += [
        {
            "model": "organisations.person",
            "key": "person:pirha",
            "fields": {"first_name": "Olli", "last_name": "Uusitalo", "title": "palvelupäällikkö"},
            "refs": {"organisation": "organisation:pirha"},
        },
        {
            "model": "organisations.cooperationperson",
            "key": "link:pirha",
            "fields": {},
            "refs": {"cooperation": cooperation, "person": "person:pirha"},
        },
    ]
    _out, err = import_(data, tmp_path)
    assert err == ""
    assert Participation.objects.filter(organisation=pirha).count() == 2
    assert export_text() == exported
    assert "Uusitalo" in export_text("paijat-hame")


def test_a_new_organisation_with_another_ones_business_id_is_a_warning(first, tmp_path):
    exported = export_text()
    data = second()
    n = place(data, "organisations.organisation", kind="wellbeing_county")
    data["records"][n]["fields"]["business_id"] = "3221318-2"  # Keski-Suomi's county's
    _out, err = import_(data, tmp_path)
    assert err.strip() == (
        f"$.records[{n}].fields.business_id: organisaatio ”Päijät-Hämeen hyvinvointialue” luotiin, vaikka "
        "organisaatio ”Keski-Suomen hyvinvointialue” on jo kirjattu samalla tiedolla (Y-tunnus 3221318-2)."
    )
    assert export_text() == exported
