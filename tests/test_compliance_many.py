"""Compliance for many groups at once (#15 item 2): evaluate_many() finds exactly what evaluate()
finds group by group, and a list of groups costs the same queries for one group and for many."""

import datetime

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from devdata.national import Generator
from governance import compliance
from governance.models import SteeringGroup

DAY = "2026-06-15 10:00 +0300"  # objectives are due: every staffing rule reads its facts


def _as_set(findings):
    return sorted((f.rule, f.severity, f.message) for f in findings)


@time_machine.travel(DAY, tick=False)
def test_evaluating_many_finds_what_evaluating_each_finds(world, group_world, published):
    Generator(cooperations=3, years=6, seed=9, progress=lambda *a: None).run()
    groups = list(SteeringGroup.objects.select_related("cooperation"))
    assert len(groups) > 6  # the fixture's group and two terms in each generated cooperation
    many = compliance.evaluate_many(groups)
    for group in groups:
        assert _as_set(many[group.pk]) == _as_set(compliance.evaluate(group)), group
    assert any(many.values())  # some rule is broken somewhere: the comparison is not empty


@time_machine.travel(DAY, tick=False)
def test_many_groups_cost_the_queries_of_one(world, group_world, published):
    def queries() -> int:
        groups = list(SteeringGroup.objects.select_related("cooperation"))
        with CaptureQueriesContext(connection) as captured:
            compliance.evaluate_many(groups)
        return len(captured)

    Generator(cooperations=1, years=6, seed=8, progress=lambda *a: None).run()  # every kind of fact
    one = queries()
    Generator(cooperations=3, years=6, seed=9, progress=lambda *a: None).run()
    assert queries() == one


@time_machine.travel(DAY, tick=False)
def test_the_admin_list_of_groups_makes_as_many_queries_for_one_group_as_for_many(
    world, group_world, published, as_secretary
):
    def queries() -> int:
        as_secretary.get("/admin/governance/steeringgroup/")
        with CaptureQueriesContext(connection) as captured:
            response = as_secretary.get("/admin/governance/steeringgroup/")
        assert response.status_code == 200
        return len(captured)

    Generator(cooperations=1, years=6, seed=8, progress=lambda *a: None).run()  # every kind of fact
    one = queries()
    Generator(cooperations=3, years=6, seed=9, progress=lambda *a: None).run()
    assert SteeringGroup.objects.count() > 6
    assert queries() == one


def test_no_groups_no_queries(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert compliance.evaluate_many([], today=datetime.date(2026, 1, 1)) == {}
