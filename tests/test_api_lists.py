"""The API's lists keep to the caller's cooperations and cost the same queries for one row or many
(#18 item 1, #15)."""

import datetime

import pytest

from tests.factories import MunicipalityFactory
from tests.test_api import bearer

D = datetime.date


LISTS = [
    "cooperations",
    "areas",
    "municipalities",
    "organisations",
    "groups",
    "meetings",
    "decisions",
    "agreements",
    "objectives",
    "staffing",
    "development-days",
]


@pytest.fixture
def two_cooperations(world, group_world):
    """Records in both cooperations: area A's (group_world) and another one's, seen by nobody of A."""
    from governance.models import SteeringGroup

    other = world.other_area.cooperation
    SteeringGroup.objects.create(cooperation=other, term_start=D(2025, 1, 1), term_end=D(2029, 12, 31))
    MunicipalityFactory(code="001", name_fi="Toinen kunta", area=world.other_area)
    MunicipalityFactory(code="002", name_fi="Oma kunta", area=world.area)
    return other


@pytest.mark.parametrize("name", LISTS)
def test_every_list_keeps_to_the_callers_cooperations(world, two_cooperations, name):
    everything = bearer(world.secretary).get(f"/api/v1/{name}/").json()["count"]
    outsider = bearer(world.outsider).get(f"/api/v1/{name}/")
    assert outsider.status_code == 200
    assert outsider.json()["count"] == 0
    in_other = bearer(world.secretary).get(f"/api/v1/{name}/", {"cooperation": two_cooperations.code})
    own = bearer(world.editor_a).get(f"/api/v1/{name}/").json()["results"]
    mine = bearer(world.secretary).get(f"/api/v1/{name}/", {"cooperation": world.area.cooperation.code})
    if name == "organisations":  # Kela takes part everywhere; the other party only in the other one
        assert {o["name_fi"] for o in own} == {"Kaupunki A", "Hyvinvointialue B", "Kansaneläkelaitos"}
        return
    assert len(own) == mine.json()["count"]
    assert mine.json()["count"] + in_other.json()["count"] == everything


def _queries(client, path) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "name", ["groups", "agreements", "meetings", "development-days", "staffing", "cooperations"]
)
def test_a_list_costs_the_same_queries_for_one_row_or_many(world, group_world, name):
    from costs.models import DevelopmentDay
    from governance.models import SteeringGroup
    from staffing.models import StaffingReview

    DevelopmentDay.objects.create(group=group_world.group, date=D(2026, 4, 1), title="Päivä")
    StaffingReview.objects.create(group=group_world.group, year=2025)
    api = bearer(world.secretary)
    api.get(f"/api/v1/{name}/")  # warm: the token's last use is written once
    first = _queries(api, f"/api/v1/{name}/")
    for year in range(3):
        group = SteeringGroup.objects.create(
            cooperation=world.area.cooperation,
            term_start=D(2030 + year, 1, 1),
            term_end=D(2034 + year, 12, 31),
        )
        DevelopmentDay.objects.create(group=group, date=D(2026, 5, 1 + year), title=f"Päivä {year}")
        StaffingReview.objects.create(group=group, year=2026)
    assert _queries(api, f"/api/v1/{name}/") == first
