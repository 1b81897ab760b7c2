"""Exports of composition and costs (#18 item 5): CSV as Finnish Excel opens it (UTF-8 with BOM,
semicolons, decimal commas, d.m.yyyy) and real Excel files, Finnish characters intact, each within the
caller's rights."""

import csv
import io
from datetime import date as D
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from costs.models import CostItem, DevelopmentDay, Registration


def _csv(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _sheet(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def test_the_composition_exports_every_seat_with_finnish_characters(group_world, as_member):
    group = group_world.group
    rows = _csv(as_member.get(reverse("group-export", args=[group.pk, "csv"])))
    assert rows[0][:2] == ["Organisaatio", "Henkilö"]
    people = {row[1] for row in rows[1:]}
    seats = group.memberships.select_related("person")
    assert people == {seat.person.full_name for seat in seats}
    assert len(rows) == 1 + seats.count()
    sheet = _sheet(as_member.get(reverse("group-export", args=[group.pk, "xlsx"])))
    assert sheet.max_row == 1 + seats.count()
    assert {sheet.cell(row=r, column=2).value for r in range(2, sheet.max_row + 1)} == people


def test_the_composition_export_is_only_for_those_who_see_the_group(group_world, as_outsider, as_member):
    url = reverse("group-export", args=[group_world.group.pk, "csv"])
    assert as_outsider.get(url).status_code == 404
    assert as_member.get(reverse("group-export", args=[group_world.group.pk, "exe"])).status_code == 404


@pytest.fixture
def day(group_world, world):
    day = DevelopmentDay.objects.create(
        group=group_world.group, date=D(2025, 10, 15), title="Kehittämispäivä"
    )
    CostItem.objects.create(day=day, description="Tila", amount=Decimal("700.00"), paid_by=world.org_a)
    Registration.objects.create(day=day, organisation=world.org_a, count=3)
    Registration.objects.create(day=day, organisation=world.org_b, count=2)
    Registration.objects.create(day=day, organisation=group_world.kela, count=2)
    return day


def test_the_costs_export_in_finnish_numbers_and_real_ones_in_excel(day, as_member):
    rows = _csv(as_member.get(reverse("day-export", args=[day.pk, "csv"])))
    shares = {row[0]: row for row in rows[1:4]}
    assert shares["Kaupunki A"][1:] == ["3", "300,00", "700,00", "-400,00"]
    assert shares["Kansaneläkelaitos"][2] == "200,00"
    sheet = _sheet(as_member.get(reverse("day-export", args=[day.pk, "xlsx"])))
    values = {sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=3).value for r in range(2, 5)}
    assert values["Hyvinvointialue B"] == 200.0


def test_the_costs_export_is_only_for_those_who_see_the_cooperation(day, as_outsider):
    assert as_outsider.get(reverse("day-export", args=[day.pk, "csv"])).status_code == 404


def test_the_years_objectives_export_even_without_indicators(group_world, world, as_member):
    from staffing import services

    services.propose_objective(
        group=group_world.group, year=2026, actor=world.secretary, title="Nuorten työllistyminen Äänekoskella"
    )
    url = reverse("staffing-export", args=[group_world.group.pk, 2026, "xlsx"])
    values = [[c.value for c in row] for row in _sheet(as_member.get(url)).iter_rows()]
    assert any("Nuorten työllistyminen Äänekoskella" in row for row in values)
