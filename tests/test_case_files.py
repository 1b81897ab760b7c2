"""Case files: a cooperation out as JSON and back in, all or nothing, idempotent, errors by JSON path;
the first real case itself is loaded from one."""

import copy
import json
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command

from casefiles import exchange as casefile
from casefiles import schema
from casefiles.first_case import CASE_FILE
from governance import compliance
from governance.models import SteeringGroup
from organisations.models import Cooperation, Organisation

CODE = "etela-keski-suomi"


def findings():
    return sorted(
        (f.rule, f.severity, f.message)
        for group in SteeringGroup.objects.all()
        for f in compliance.evaluate(group)
    )


def counts():
    """Rows of every domain model, historical rows included."""
    return {
        model._meta.label: model._default_manager.count()
        for label in settings.DOMAIN_APPS
        for model in apps.get_app_config(label).get_models()
    }


def export() -> dict:
    out = StringIO()
    call_command("export_cooperation", CODE, stdout=out)
    return json.loads(out.getvalue())


def import_(data, tmp_path, *args) -> str:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    call_command("import_cooperation", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def normalised(data: dict) -> list:
    """The records with their keys replaced by their place in the file (keys carry database ids)."""
    place = {record["key"]: n for n, record in enumerate(data["records"])}

    def where(ref):
        return sorted(place.get(r) for r in ref) if isinstance(ref, list) else place.get(ref)

    return [
        (r["model"], r["fields"], {name: where(ref) for name, ref in r["refs"].items()})
        for r in data["records"]
    ]


@pytest.mark.django_db(transaction=True)
def test_export_then_import_into_an_empty_database_gives_the_same_findings_and_twice_changes_nothing(
    tmp_path,
):
    call_command("load_demo", verbosity=0)
    before = findings()
    data = export()
    assert any(f[0] == "SG-BUSINESS-ID" for f in before)  # Jämsä's ID, kept as written and flagged
    call_command("flush", interactive=False, verbosity=0)
    assert not Cooperation.objects.exists()

    assert import_(data, tmp_path).startswith(f"Imported: {len(data['records'])} created")
    assert findings() == before
    assert Organisation.objects.get(name_fi="Jämsän kaupunki").business_id == "1068366-0"
    after_first = counts()
    assert import_(data, tmp_path) == f"Imported: 0 created, 0 updated, {len(data['records'])} unchanged.\n"
    assert counts() == after_first  # not even history
    assert normalised(export()) == normalised(data)


@pytest.mark.django_db
def test_the_committed_case_file_is_what_the_annotated_demo_steps_build():
    from casefiles.first_case import build as build_case

    assert normalised(build_case()) == normalised(json.loads(CASE_FILE.read_text(encoding="utf-8")))


def test_the_published_schema_is_the_one_the_parts_make():
    assert schema.schema() == json.loads(json.dumps(schema.build_schema()))


@pytest.mark.django_db
def test_an_exported_file_is_valid_under_the_published_schema():
    call_command("load_demo", verbosity=0)
    from jsonschema import Draft202012Validator

    assert list(Draft202012Validator(schema.schema()).iter_errors(export())) == []


@pytest.fixture
def case():
    return json.loads(CASE_FILE.read_text(encoding="utf-8"))


def refused(data, tmp_path) -> list[str]:
    path = tmp_path / "bad.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    errors = StringIO()
    with pytest.raises(CommandError, match=r"Nothing was saved|not JSON"):
        call_command("import_cooperation", str(path), stdout=StringIO(), stderr=errors)
    return errors.getvalue().splitlines()


@pytest.mark.django_db
def test_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "tym-case-file",', encoding="utf-8")
    with pytest.raises(CommandError, match=r"\$: not JSON \(line 1"):
        call_command("import_cooperation", str(path))


@pytest.mark.django_db
def test_every_schema_error_is_named_by_its_json_path_and_nothing_is_saved(case, tmp_path):
    case["version"] = 3
    del case["records"][0]["key"]
    case["records"][1]["fields"]["name_fi"] = 7
    case["records"][2]["fields"]["nickname"] = "x"
    case["records"][3]["model"] = "organisations.ufo"
    errors = refused(case, tmp_path)
    assert errors == [
        "$.records[0]: 'key' is a required property",
        "$.records[1].fields.name_fi: 7 is not of type 'string'",
        "$.records[2].fields: Additional properties are not allowed ('nickname' was unexpected)",
        "$.records[3].model: 'organisations.ufo' is not one of " + str([p.label for p in casefile.parts()]),
        "$.version: 2 was expected",
    ]
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_a_record_the_rules_refuse_is_named_and_nothing_is_saved(case, tmp_path):
    meeting = next(r for r in case["records"] if r["model"] == "decisions.meeting")
    meeting["fields"]["checked_undated"] = False  # published, never checked: the product's own rule
    n = case["records"].index(meeting)
    errors = refused(case, tmp_path)
    assert errors[0] == (
        f"$.records[{n}].fields.published_on: "
        "Pöytäkirja on tarkastettava ennen kuin se viedään yleiseen tietoverkkoon."
    )
    assert not Cooperation.objects.exists()
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_a_reference_to_no_record_and_a_reused_key_are_refused(case, tmp_path):
    broken = copy.deepcopy(case)
    group = next(r for r in broken["records"] if r["model"] == "governance.steeringgroup")
    group["refs"]["cooperation"] = "organisations.cooperation:999"
    broken["records"].append(copy.deepcopy(broken["records"][0]))
    errors = refused(broken, tmp_path)
    n = broken["records"].index(group)
    assert (
        f"$.records[{n}].refs.cooperation: "
        "Millään aiemmalla tietueella ei ole avainta 'organisations.cooperation:999'." in errors
    )
    assert (
        f"$.records[{len(broken['records']) - 1}].key: "
        f"Avain {broken['records'][0]['key']!r} on käytössä kahdesti." in errors
    )
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_a_far_date_or_a_bad_value_is_refused_on_its_field(case, tmp_path):
    day = next(r for r in case["records"] if r["model"] == "costs.developmentday")
    day["fields"]["date"] = "2025-02-30"
    n = case["records"].index(day)
    errors = refused(case, tmp_path)
    assert any(e.startswith(f"$.records[{n}].fields.date:") for e in errors)
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_an_unknown_cooperation_cannot_be_exported():
    with pytest.raises(CommandError, match="No cooperation 'nowhere'"):
        call_command("export_cooperation", "nowhere")
