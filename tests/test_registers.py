"""The national registers (#27): the shipped edition is consistent and matches the published counts
it records; a newer edition dates its changes and is refused whole when it would break the register;
case files are checked against it; the coverage rule, a body's court and the fee read it."""

import copy
import datetime
import json
from collections import Counter
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from decisions.models import AgendaItem, AppealPart, Body, Meeting
from organisations.models import Cooperation, EmploymentArea, Municipality
from registers import editions, selectors
from registers.models import (
    AdministrativeCourt,
    CourtFee,
    Edition,
    NationalParty,
    Region,
    RegisteredMunicipality,
    WellbeingCounty,
)

D = datetime.date
SHIPPED = editions.DATA_DIR / "2025-01-01.json"


def shipped() -> dict:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def counts() -> dict:
    models = (Edition, AdministrativeCourt, Region, WellbeingCounty, RegisteredMunicipality, NationalParty)
    return {m.__name__: m.objects.count() for m in (*models, CourtFee)} | {
        "history": RegisteredMunicipality.history.count()
    }


# The shipped edition


def test_the_edition_names_its_sources_date_and_what_could_not_be_verified():
    data = shipped()
    assert editions.check(data) == []
    assert data["checked_on"]
    assert data["sources"]
    assert data["unverified"]
    assert all(court["source"] for court in data["courts"])


def test_codes_are_unique_and_every_municipality_is_in_one_county_and_one_region(db):
    current = list(RegisteredMunicipality.objects.on(D(2025, 6, 1)))
    codes = [m.code for m in current]
    assert len(codes) == len(set(codes)) == 293  # mainland Finland: 309 less Åland's 16 (vm.fi, 2023-)
    assert all(m.county_id and m.region_id for m in current)
    assert Region.objects.count() == 18
    assert not Region.objects.filter(name_fi="Ahvenanmaa").exists()
    assert WellbeingCounty.objects.count() == 22  # 21 counties and the City of Helsinki
    assert all(region.court_id for region in Region.objects.all())


def test_the_counts_per_county_match_the_published_counts_recorded():
    data = shipped()
    per_county = Counter(m["county"] for m in data["municipalities"])
    published = {c["code"]: c["published_count"] for c in data["counties"] if c["published_count"]}
    assert len(published) >= 10
    for code, count in published.items():
        assert per_county[code] == count, code
    # Every county of a region is the region's own, but Uusimaa's four and Helsinki (Act 616/2021 § 7).
    regions_of = {}
    for m in data["municipalities"]:
        regions_of.setdefault(m["county"], set()).add(m["region"])
    assert all(len(regions) == 1 for regions in regions_of.values())
    assert sum(1 for regions in regions_of.values() if regions == {"01"}) == 5
    # The court districts as the courts publish them: Hämeenlinna 66 municipalities, Turku 43.
    court_of_region = {r["code"]: r["court"] for r in data["regions"]}
    per_court = Counter(court_of_region[m["region"]] for m in data["municipalities"])
    assert per_court["hameenlinna"] == 66
    assert per_court["turku"] == 43


def test_jamsa_is_in_keski_suomi_whose_court_is_hameenlinna_and_iitti_in_paijat_hame(db):
    jamsa = selectors.municipality_on("182", D(2025, 3, 1))
    assert (jamsa.name_fi, jamsa.county.name_fi, jamsa.region.name_fi) == (
        "Jämsä",
        "Keski-Suomen hyvinvointialue",
        "Keski-Suomi",
    )
    assert jamsa.region.court.name_fi == "Hämeenlinnan hallinto-oikeus"
    iitti = selectors.municipality_on("142", D(2025, 3, 1))
    assert (iitti.region.name_fi, iitti.county.name_fi) == ("Päijät-Häme", "Päijät-Hämeen hyvinvointialue")
    assert selectors.kela().business_id == "0246246-0"
    assert selectors.fee_on(D(2025, 5, 5)).amount == 310
    assert selectors.fee_on(D(2026, 5, 5)) is None  # not recorded, never guessed


# A newer edition


def merger(data: dict) -> dict:
    """2026: Luhanka (435) joins Joutsa (172), and Joutsa moves to Päijät-Häme (a made-up edition)."""
    new = copy.deepcopy(data)
    new.update(edition="2026-01-01", effective_from="2026-01-01", checked_on="2026-12-01")
    new["municipalities"] = [m for m in new["municipalities"] if m["code"] != "435"]
    joutsa = next(m for m in new["municipalities"] if m["code"] == "172")
    joutsa.update(county="09", region="07")
    return new


def write(tmp_path, data: dict):
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_a_merger_effective_on_1_january_dates_the_facts_and_is_printed(db, tmp_path):
    out = StringIO()
    call_command("update_reference_data", write(tmp_path, merger(shipped())), stdout=out)
    printed = out.getvalue()
    assert "Edition 2026-01-01 applied." in printed
    assert "Luhanka (435) ends on 31.12.2025" in printed
    assert "Joutsa (172): county Keski-Suomen hyvinvointialue → Päijät-Hämeen hyvinvointialue" in printed
    # Facts of a 2025 day are 2025's; of a 2026 day, 2026's.
    assert selectors.municipality_on("435", D(2025, 12, 31)).name_fi == "Luhanka"
    assert selectors.municipality_on("435", D(2026, 1, 1)) is None
    assert selectors.municipality_on("172", D(2025, 6, 1)).region.court.code == "hameenlinna"
    assert selectors.municipality_on("172", D(2026, 6, 1)).county.code == "09"
    assert RegisteredMunicipality.objects.on(D(2026, 1, 1)).count() == 292
    # A code that once was a municipality's still passes a case file's check.
    assert selectors.check_municipality("435", "Luhanka", "Luhanka").code == ""
    # The same edition again is not newer: refused, nothing changes.
    before = counts()
    with pytest.raises(CommandError):
        call_command("update_reference_data", write(tmp_path, merger(shipped())), stderr=StringIO())
    assert counts() == before


def test_an_edition_leaving_a_municipality_without_a_county_changes_nothing(db, tmp_path):
    bad = merger(shipped())
    next(m for m in bad["municipalities"] if m["code"] == "182")["county"] = "99"
    before, err = counts(), StringIO()
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("update_reference_data", write(tmp_path, bad), stderr=err)
    assert "Jämsä (182) would be left without a wellbeing services county" in err.getvalue()
    assert counts() == before


def test_an_edition_dropping_a_municipality_a_cooperation_uses_changes_nothing(db, tmp_path, world):
    luhanka = Municipality.objects.create(code="435", name_fi="Luhanka", area=world.area)
    EmploymentArea.objects.filter(pk=world.area.pk).update(lead_municipality=luhanka)
    before, err = counts(), StringIO()
    with pytest.raises(CommandError):
        call_command("update_reference_data", write(tmp_path, merger(shipped())), stderr=err)
    assert "Luhanka (435) is still used" in err.getvalue()
    assert "employment area area-a" in err.getvalue()
    assert counts() == before


def test_a_dry_run_prints_and_changes_nothing(db, tmp_path):
    before, out = counts(), StringIO()
    call_command("update_reference_data", write(tmp_path, merger(shipped())), "--dry-run", stdout=out)
    assert "nothing was changed" in out.getvalue()
    assert "Luhanka (435) ends" in out.getvalue()
    assert counts() == before


def test_a_malformed_edition_is_refused_with_paths():
    data = shipped()
    data["municipalities"].append(dict(data["municipalities"][0]))
    data["court_fees"][0]["amount"] = "-1"
    errors = editions.check(data)
    assert any(e.startswith("$.municipalities[293].code: '005' is also $.municipalities[0]") for e in errors)
    assert any(e.startswith("$.court_fees[0]") for e in errors)


def test_an_emptied_register_gets_the_shipped_edition_back_after_migrate(db):
    """A flush (the transactional tests' cleanup) empties the register and sends post_migrate."""
    from django.core.management.sql import emit_post_migrate_signal

    for model in (RegisteredMunicipality, Region, AdministrativeCourt, WellbeingCounty, NationalParty):
        model.objects.all().delete()
    CourtFee.objects.all().delete()
    Edition.objects.all().delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert RegisteredMunicipality.objects.count() == 293
    assert Edition.objects.get().name == "2025-01-01"
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # a register in place stays
    assert Edition.objects.count() == 1


# Case files


def case_file(tmp_path, municipalities: list[dict]) -> str:
    records = [
        {
            "model": "organisations.cooperation",
            "key": "c",
            "fields": {"code": "testi", "name_fi": "Testi", "name_sv": ""},
            "refs": {},
        },
        *[
            {"model": "organisations.municipality", "key": f"m{n}", "fields": fields, "refs": {"area": None}}
            for n, fields in enumerate(municipalities)
        ],
    ]
    path = tmp_path / "case.json"
    data = {"format": "tym-case-file", "version": 1, "cooperation": "testi", "records": records}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def refused(path: str) -> str:
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was saved"):
        call_command("import_cooperation", path, stdout=StringIO(), stderr=err)
    return err.getvalue()


def test_a_case_file_with_an_unknown_code_or_a_wrong_name_saves_nothing(db, tmp_path):
    errors = refused(
        case_file(
            tmp_path,
            [
                {"code": "182", "name_fi": "Jämsä", "name_sv": "Jämsä"},
                {"code": "999", "name_fi": "Olematon", "name_sv": ""},
                {"code": "172", "name_fi": "Jyväskylä", "name_sv": ""},
                {"code": "179", "name_fi": "Jyväskylä", "name_sv": "Jämsä"},
            ],
        )
    )
    lines = errors.splitlines()  # in the default language, Finnish
    assert lines[0].startswith("$.records[2].fields.code: 999 ")
    assert lines[1].startswith("$.records[3].fields.name_fi: ")
    assert "172" in lines[1]
    assert "Joutsa" in lines[1]
    assert lines[2].startswith("$.records[4].fields.name_sv: ")
    assert "Jyväskylä" in lines[2]
    assert len(lines) == 3
    assert not Cooperation.objects.exists()
    assert not Municipality.objects.exists()


def test_a_case_file_with_two_municipalities_sharing_a_code_saves_nothing(db, tmp_path):
    errors = refused(
        case_file(
            tmp_path,
            [
                {"code": "182", "name_fi": "Jämsä", "name_sv": "Jämsä"},
                {"code": "182", "name_fi": "Jämsä", "name_sv": "Jämsä"},
            ],
        )
    )
    assert errors.startswith("$.records[2]: ")  # casefiles refuses a natural key given twice in a file
    assert "$.records[1]" in errors
    assert "182" in errors
    assert not Municipality.objects.exists()


def test_the_admin_reads_the_register_and_cannot_change_it(admin_client):
    assert admin_client.get(reverse("admin:registers_registeredmunicipality_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:registers_courtfee_add")).status_code == 403


# What reads the register


def _court_item(body: Body, day: D, kind: str) -> AgendaItem:
    meeting = Meeting.objects.create(body=body, date=day)
    item = AgendaItem.objects.create(
        meeting=meeting, body=body, year=day.year, number=1, title="Asia", proposal="x", decision="x"
    )
    AgendaItem.objects.filter(pk=item.pk).update(outcome="as_proposed")
    AppealPart.objects.create(item=item, kind=kind)
    return item


def test_a_bodys_court_comes_from_the_register_unless_the_body_overrides_it(world, as_secretary):
    jamsa = Municipality.objects.create(code="182", name_fi="Jämsä", area=world.area)
    EmploymentArea.objects.filter(pk=world.area.pk).update(lead_municipality=jamsa)
    body = Body.objects.create(area=world.area, code="lauta", name_fi="Lauta", kind="municipal")
    court = body.court(D(2025, 3, 1))
    assert (court.source, court.name_fi, court.region) == (
        "register",
        "Hämeenlinnan hallinto-oikeus",
        "Keski-Suomi",
    )
    assert court.recorded
    assert body.court_recorded
    item = _court_item(body, D(2025, 3, 18), "court_appeal")
    page = as_secretary.get(reverse("item-detail", args=[item.pk])).text
    assert "Valitusviranomainen on Hämeenlinnan hallinto-oikeus." in page
    assert "Raatihuoneenkatu 1, 13100 Hämeenlinna" in page
    assert "comes from the national register" in page or "kansallisesta rekisteristä" in page
    assert "310 euroa" in page
    assert "Keski-Suomi" in as_secretary.get(reverse("body-edit", args=[body.pk])).text
    Body.objects.filter(pk=body.pk).update(court_fi="Vaasan hallinto-oikeus", court_address="PL 204")
    body.refresh_from_db()
    assert body.court().source == "body"
    page = as_secretary.get(reverse("item-detail", args=[item.pk])).text
    assert "Valitusviranomainen on Vaasan hallinto-oikeus." in page
    assert "Hämeenlinnan hallinto-oikeus" not in page


def test_an_appeal_that_can_be_filed_in_two_years_names_each_years_fee(world, as_secretary):
    body = Body.objects.create(area=world.area, code="lauta", name_fi="Lauta", kind="municipal")
    item = _court_item(body, D(2025, 12, 15), "court_appeal")
    page = as_secretary.get(reverse("item-detail", args=[item.pk])).text
    assert "Vuonna 2025 tehdystä valituksesta maksu on 310 euroa." in page
    assert "Vuoden 2026 maksua ei ole kirjattu" in page


def test_the_coverage_rule_reads_the_county_from_the_register(world, group_world):
    from governance import compliance
    from organisations.models import CountyOfMunicipality

    group = group_world.group
    # Iitti's county is Päijät-Häme in the register, whatever the record says.
    iitti = Municipality.objects.create(code="142", name_fi="Iitti", area=world.area)
    CountyOfMunicipality.objects.create(municipality=iitti, county=world.org_b)
    with translation.override("en"):
        messages = [str(f.message) for f in compliance.evaluate(group, D(2025, 6, 1))]
    assert any("Iitti belongs to Päijät-Hämeen hyvinvointialue" in m for m in messages), messages
    assert any("the national register names Päijät-Hämeen hyvinvointialue" in m for m in messages), messages


def test_municipality_clean_accepts_real_and_refuses_made_up(db):
    Municipality(code="142", name_fi="Iitti", name_sv="Iitti").full_clean()
    with pytest.raises(ValidationError) as error:
        Municipality(code="999", name_fi="Olematon").full_clean()
    assert set(error.value.message_dict) == {"code"}


# Last: the demo fixture keeps the first case loaded for the rest of the module.


def test_the_first_cases_extract_names_hameenlinnas_court_from_the_register(demo):
    from decisions.views import _item_context

    item = AgendaItem.objects.get(number=16, year=2025)
    body = item.body
    assert not body.court_fi  # nothing typed: the register decides
    context = _item_context(item)
    assert context["court"].name_fi == "Hämeenlinnan hallinto-oikeus"
    assert context["court"].source == "register"
    from django.template.loader import render_to_string

    html = render_to_string("decisions/extract_pdf.html", {**context, "extract": None})
    assert "kunnallisvalituksella (Hämeenlinnan hallinto-oikeus)" in html
