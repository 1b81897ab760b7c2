import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from governance import compliance
from organisations.models import Municipality
from staffing import imports, ratios
from staffing.models import ClientLine, Objective, StaffingReview, StaffLine
from tests.tools import pdf_text

D = datetime.date


@pytest.fixture
def review(group_world, world):
    for code, name in [("182", "Jämsä"), ("249", "Keuruu")]:
        Municipality.objects.create(code=code, name_fi=name, area=world.area)
    return StaffingReview.objects.create(group=group_world.group, year=2025)


def line(review, org, muni, fte, headcount=1, title="ohjaaja"):
    return StaffLine.objects.create(
        review=review,
        organisation=org,
        job_title=title,
        headcount=headcount,
        municipality=Municipality.objects.get(name_fi=muni),
        fte=Decimal(fte),
    )


def clients(review, org, muni, count):
    return ClientLine.objects.create(
        review=review, organisation=org, clients=count, municipality=Municipality.objects.get(name_fi=muni)
    )


def test_ratios_on_a_hand_computed_case_with_a_party_of_zero_fte(review, world, group_world):
    line(review, world.org_a, "Jämsä", "2.50", 3)
    line(review, world.org_a, "Keuruu", "1.50", 2)
    line(review, world.org_b, "Jämsä", "0.00", 1)
    clients(review, world.org_a, "Jämsä", 100)
    clients(review, world.org_a, "Keuruu", 40)
    clients(review, world.org_b, "Jämsä", 10)
    summary = ratios.summarise(review)
    assert summary.total.ratio == Decimal("37.5")  # 150 clients / 4.00 FTE
    by_party = {r.label: r.ratio for r in summary.by_party}
    assert by_party == {"Kaupunki A": Decimal("35.0"), "Hyvinvointialue B": None}  # 140 / 4.00; 10 / 0 → none
    by_municipality = {r.label: r.ratio for r in summary.by_municipality}
    assert by_municipality == {"Jämsä": Decimal("44.0"), "Keuruu": Decimal("26.7")}  # 110 / 2.50; 40 / 1.50


def test_the_change_from_last_year(review, world, group_world):
    before = StaffingReview.objects.create(group=group_world.group, year=2024)
    line(before, world.org_a, "Jämsä", "2.00")
    clients(before, world.org_a, "Jämsä", 60)
    line(review, world.org_a, "Jämsä", "2.00")
    clients(review, world.org_a, "Jämsä", 70)
    summary = ratios.summarise(review, before)
    assert summary.total.change == Decimal("5.0")


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("luvut.csv", text.encode("utf-8"))


def test_an_import_with_one_bad_row_saves_nothing_and_names_the_row_in_finnish(review, world):
    line(review, world.org_a, "Jämsä", "1.00")
    upload = _csv("tehtavanimike;kunta;henkilomaara;htv\nohjaaja;Jämsä;2;1,5\nohjaaja;Keuruu;1;kaksi\n")
    with translation.override("fi"), pytest.raises(imports.ImportRefused) as info:
        imports.replace_figures(
            review=review, organisation=world.org_a, kind="staff", upload=upload, actor=None
        )
    [error] = info.value.errors
    assert error.line == 3
    with translation.override("fi"):
        assert "kaksi" in error.message
    assert list(StaffLine.objects.values_list("fte", flat=True)) == [Decimal("1.00")]  # the old figures stay


def test_a_good_csv_replaces_the_partys_figures(review, world):
    line(review, world.org_a, "Jämsä", "1.00")
    line(review, world.org_b, "Jämsä", "1.00")
    upload = _csv("tehtavanimike;kunta;henkilomaara;htv\nohjaaja;Jämsä;2;1,5\nvalmentaja;249;1;1\n")
    assert (
        imports.replace_figures(
            review=review, organisation=world.org_a, kind="staff", upload=upload, actor=None
        )
        == 2
    )
    assert StaffLine.objects.filter(organisation=world.org_a).count() == 2
    assert (
        StaffLine.objects.filter(organisation=world.org_b).count() == 1
    )  # another party's figures untouched


@pytest.mark.parametrize(
    ("row", "word"),
    [
        ("ohjaaja;Tampere;1;1", "Tampere"),  # not a municipality of the area
        (";Jämsä;1;1", "tehtävänimike"),  # no job title
        ("ohjaaja;Jämsä;-1;0", "-1"),  # negative head count
        ("ohjaaja;Jämsä;1;2", "enemmän"),  # more FTE than people
        ("ohjaaja;Jämsä;1;0,505", "0,505"),  # three decimals
    ],
)
def test_each_bad_row_is_explained(review, world, row, word):
    upload = _csv(f"tehtavanimike;kunta;henkilomaara;htv\n{row}\n")
    with translation.override("fi"), pytest.raises(imports.ImportRefused) as info:
        imports.replace_figures(
            review=review, organisation=world.org_a, kind="staff", upload=upload, actor=None
        )
    with translation.override("fi"):
        assert word.lower() in info.value.errors[0].message.lower()


def test_an_excel_file_imports_client_figures(review, world):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["kunta", "asiakkaat"])
    workbook.active.append(["Jämsä", 120])
    workbook.active.append(["182 ", None])  # an empty row is skipped only when all cells are empty
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("asiakkaat.xlsx", buffer.getvalue())
    with pytest.raises(imports.ImportRefused):
        imports.replace_figures(
            review=review, organisation=world.org_a, kind="clients", upload=upload, actor=None
        )
    workbook.active.delete_rows(3)
    buffer = io.BytesIO()
    workbook.save(buffer)
    imports.replace_figures(
        review=review,
        organisation=world.org_a,
        kind="clients",
        upload=SimpleUploadedFile("asiakkaat.xlsx", buffer.getvalue()),
        actor=None,
    )
    assert list(ClientLine.objects.values_list("clients", flat=True)) == [120]


def test_an_editor_imports_only_for_their_own_organisation(review, world, group_world, as_editor_a):
    url = reverse("staffing-import", args=[group_world.group.pk, 2025])
    data = {"kind": "clients", "file": _csv("kunta;asiakkaat\nJämsä;50\n")}
    assert as_editor_a.post(url, {**data, "organisation": world.org_b.pk}).status_code == 403
    data = {"kind": "clients", "file": _csv("kunta;asiakkaat\nJämsä;50\n")}
    assert as_editor_a.post(url, {**data, "organisation": world.org_a.pk}).status_code == 302
    assert ClientLine.objects.get().organisation == world.org_a


def test_the_page_names_bad_rows_in_finnish(review, world, group_world, as_editor_a):
    response = as_editor_a.post(
        reverse("staffing-import", args=[group_world.group.pk, 2025]),
        {
            "organisation": world.org_a.pk,
            "kind": "clients",
            "file": _csv("kunta;asiakkaat\nJämsä;50\nJämsä;x\n"),
        },
    )
    assert response.status_code == 400
    assert "Rivi 3" in response.text
    assert not ClientLine.objects.exists()


def test_a_member_sees_the_year_and_an_outsider_does_not(review, group_world, as_member, as_outsider):
    url = reverse("staffing-year", args=[group_world.group.pk, 2025])
    assert as_member.get(url).status_code == 200
    assert as_outsider.get(url).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_figures_export(review, world, group_world, as_member, fmt):
    line(review, world.org_a, "Jämsä", "2.50", 3)
    response = as_member.get(reverse("staffing-export", args=[group_world.group.pk, 2025, fmt]))
    assert response.status_code == 200
    if fmt == "csv":
        assert "Kaupunki A" in response.content.decode("utf-8-sig")
    else:
        from openpyxl import load_workbook

        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert any("Kaupunki A" in row for row in rows)


def findings(group, today, rule):
    return [f for f in compliance.evaluate(group, today) if f.rule == rule]


def test_objectives_not_set_by_the_due_date_are_a_warning(group_world):
    group = group_world.group
    assert findings(group, D(2026, 3, 30), "ST-OBJECTIVES") == []
    with translation.override("en"):
        [finding] = findings(group, D(2026, 3, 31), "ST-OBJECTIVES")
    # Neither the decree ("every year") nor the agreement fixes a date: the date is the cooperation's (#28).
    assert "sets no date" in finding.message
    assert "cooperation's own reminder date" in finding.message
    assert "due by" not in finding.message
    Objective.objects.create(group=group, year=2026, title="Tavoite")
    assert findings(group, D(2026, 4, 1), "ST-OBJECTIVES") == []


def test_last_years_staffing_must_be_assessed(group_world):
    group = group_world.group
    assert len(findings(group, D(2026, 5, 1), "ST-ASSESSED")) == 1
    StaffingReview.objects.create(group=group, year=2025, adequate=True, assessed_on=D(2026, 2, 1))
    assert findings(group, D(2026, 5, 1), "ST-ASSESSED") == []


def test_not_adequate_without_measures_is_an_error(group_world):
    review = StaffingReview.objects.create(
        group=group_world.group, year=2025, adequate=False, assessed_on=D(2026, 2, 1)
    )
    [finding] = findings(group_world.group, D(2026, 5, 1), "ST-MEASURES")
    assert finding.severity == "error"
    review.measures = "Lisätään työhönvalmentaja Keuruulle."
    review.save()
    assert findings(group_world.group, D(2026, 5, 1), "ST-MEASURES") == []


def test_the_annual_report_pdf_has_the_charts_and_tables(review, world, group_world, as_member, tmp_path):
    line(review, world.org_a, "Jämsä", "2.50", 3)
    clients(review, world.org_a, "Jämsä", 100)
    response = as_member.get(reverse("annual-report", args=[group_world.group.pk, 2025]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    for expected in [
        "Vuosiraportti 2025",
        "Kokoonpano",
        "Asiakkaita henkilötyövuotta kohden",
        "40,0",
        "Henkilötyövuodet kunnittain ja osapuolittain",
    ]:
        assert expected in text, expected


def test_the_demo_year_is_marked_as_example_data(db, as_secretary):
    from django.core.management import call_command

    from governance.models import SteeringGroup

    call_command("load_demo", verbosity=0)
    group = SteeringGroup.objects.get()
    page = as_secretary.get(reverse("staffing-year", args=[group.pk, 2025])).text
    assert "Esimerkkitieto" in page
    assert StaffingReview.objects.get(year=2025).is_example


HEADER = "tehtavanimike;kunta;henkilomaara;htv\n"


@pytest.mark.parametrize(
    "content",
    [
        b"tehtavanimike\nohjaaja\n",  # one column: no delimiter to sniff
        (HEADER + "ohjaaja;J\u00e4ms\u00e4;2;NaN\n").encode(),
        (HEADER + "ohjaaja;J\u00e4ms\u00e4;2;Infinity\n").encode(),
        (HEADER + "x" * 201 + ";J\u00e4ms\u00e4;2;1\n").encode(),
        (HEADER + "ohjaaja\x00;J\u00e4ms\u00e4;2;1\n").encode(),
        (HEADER + "ohjaaja;J\u00e4ms\u00e4;99999999999999999999999;1\n").encode(),
        b"PK\x03\x04 not really a workbook",
    ],
)
def test_a_hostile_file_is_refused_whole_never_a_server_error(review, world, content):
    with pytest.raises(imports.ImportRefused):
        imports.replace_figures(
            review=review,
            organisation=world.org_a,
            kind="staff",
            upload=SimpleUploadedFile("x.csv", content),
            actor=None,
        )
    assert not StaffLine.objects.exists()


def test_a_file_over_the_limits_is_refused_and_only_the_first_errors_listed(review, world, settings):
    settings.IMPORT_MAX_ROWS = 100
    settings.IMPORT_MAX_ERRORS_SHOWN = 5
    too_many = _csv(HEADER + "ohjaaja;J\u00e4ms\u00e4;1;1\n" * 101)
    with pytest.raises(imports.ImportRefused) as info:
        imports.replace_figures(
            review=review, organisation=world.org_a, kind="staff", upload=too_many, actor=None
        )
    assert len(info.value.errors) == 1
    bad = _csv(HEADER + "ohjaaja;Nowhere;1;1\n" * 50)
    with pytest.raises(imports.ImportRefused) as info:
        imports.replace_figures(review=review, organisation=world.org_a, kind="staff", upload=bad, actor=None)
    assert len(info.value.errors) == 6  # five, and a line saying how many more
    settings.IMPORT_MAX_BYTES = 1024
    with pytest.raises(imports.ImportRefused):
        imports.replace_figures(
            review=review,
            organisation=world.org_a,
            kind="staff",
            upload=_csv(HEADER + "x" * 2000),
            actor=None,
        )


def _workbook_with_sheet_xml(sheet_xml: bytes) -> bytes:
    """A real workbook (openpyxl) whose first sheet's XML is replaced with SHEET_XML, deflated."""
    import zipfile

    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf,
    ):
        for item in source.infolist():
            data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            zf.writestr(item.filename, data)
    return out.getvalue()


def _sheet(dimension: str, rows: bytes) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="' + dimension.encode() + b'"/><sheetData>' + rows + b"</sheetData></worksheet>"
    )


def _measured(function):
    """FUNCTION() run in a forked child: (what it raised or returned as text, seconds, peak RSS growth in
    bytes). The child's peak starts at the parent's size at the fork, so the growth is the call's own."""
    import json
    import os
    import resource
    import time

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            start = time.monotonic()
            try:
                outcome = repr(function())
            except Exception as error:
                outcome = type(error).__name__
            elapsed = time.monotonic() - start
            growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
            os.write(write, json.dumps([outcome, elapsed, growth]).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        result = json.loads(pipe.read())
    os.waitpid(pid, 0)
    return result


def test_the_declared_dimension_bomb_is_refused_in_under_a_second_and_100_mb():
    """#31 item 5: a 1.5 kB workbook declaring A1:XFD20000 made every row 16,384 cells wide, and took
    2.7 GB in 7.8 s. Its rows are now read only as written, at most IMPORT_MAX_COLUMNS wide, and the row
    limit stops the reading."""
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in (1, 20000))
    bomb = _workbook_with_sheet_xml(_sheet("A1:XFD20000", rows))
    assert len(bomb) < 5000  # a few kB
    outcome, seconds, growth = _measured(lambda: imports.read_rows(io.BytesIO(bomb)))
    assert outcome == "ImportRefused"  # 20,000 rows (the gap is rows too): over IMPORT_MAX_ROWS
    assert seconds < 1
    assert growth < 100 * 1024 * 1024


def test_a_million_rows_stop_at_the_row_limit_or_the_unpacked_size(settings):
    one = b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>'
    million = _workbook_with_sheet_xml(
        _sheet("A1:A1000000", b"".join(one % (n, n) for n in range(1, 1_000_001)))
    )
    outcome, seconds, growth = _measured(lambda: imports.read_rows(io.BytesIO(million)))
    assert outcome == "ImportRefused"  # some 60 MB unpacked: refused from the zip's directory
    assert seconds < 1
    settings.IMPORT_MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # then the rows stop it
    outcome, seconds, growth = _measured(lambda: imports.read_rows(io.BytesIO(million)))
    assert outcome == "ImportRefused"
    assert seconds < 2
    assert growth < 100 * 1024 * 1024


def test_a_row_of_many_columns_is_read_only_as_wide_as_the_limit(settings):
    cells = b"".join(b'<c r="%s1"><v>1</v></c>' % name.encode() for name in ("A", "B", "C", "D", "E", "F"))
    wide = _workbook_with_sheet_xml(_sheet("A1:XFD1", b'<row r="1">' + cells + b"</row>"))
    settings.IMPORT_MAX_COLUMNS = 4
    assert imports.read_rows(io.BytesIO(wide)) == [["1", "1", "1", "1"]]
    assert imports.read_rows(io.BytesIO(b"a;b;c;d;e;f\n")) == [["a", "b", "c", "d"]]


def test_a_workbook_part_that_claims_less_than_it_holds_is_refused():
    """The zip's directory bounds the unpacking: a part that lies about its size fails its checksum."""
    import struct

    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(1, 2000))
    data = bytearray(_workbook_with_sheet_xml(_sheet("A1:A2000", rows)))
    name = b"xl/worksheets/sheet1.xml"
    # the central directory entry of the sheet: its uncompressed size (offset 24) set to 100 bytes
    entry = data.index(b"PK\x01\x02")
    while data[entry + 46 : entry + 46 + len(name)] != name:
        entry = data.index(b"PK\x01\x02", entry + 4)
    data[entry + 24 : entry + 28] = struct.pack("<I", 100)
    with pytest.raises(imports.ImportRefused):
        imports.read_rows(io.BytesIO(bytes(data)))
