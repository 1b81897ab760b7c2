"""An appeal status does not depend on how its facts were loaded (#15): the daily reminders and the
decision lists load them as plain lists (with_status_facts(as_lists=True)), the decision page into
the related managers; status() must read the same from both, claims and decisions on claims too."""

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from decisions import appeals
from decisions.models import AgendaItem
from devdata.national import Generator

DAY = "2026-03-20 10:00 +0200"


def _described(state: appeals.Status) -> tuple:
    return (
        [(str(p.who), p.computation.last_day) for p in state.periods],
        state.final_on,
        state.personal_data_removed_on,
        sorted(map(str, state.gaps)),
        sorted(map(str, state.warnings)),
        [(r.claim.pk, r.last_day, r.timely, r.admissible) for r in state.reviews],
    )


@time_machine.travel(DAY, tick=False)
def test_a_status_is_the_same_whichever_way_its_facts_were_loaded(world, published):
    Generator(cooperations=2, years=3, seed=4, progress=lambda *a: None).run()
    items = AgendaItem.objects.order_by("pk")
    as_managers = {i.pk: _described(appeals.status(i)) for i in appeals.with_status_facts(items)}
    as_lists = {i.pk: _described(appeals.status(i)) for i in appeals.with_status_facts(items, as_lists=True)}
    assert as_lists == as_managers
    assert any(claims for *_, claims in as_lists.values())  # claims are among them
    assert any(described[1] for described in as_lists.values())  # and final decisions


@time_machine.travel(DAY, tick=False)
def test_statuses_loaded_as_lists_read_nothing_more_from_the_database(world, published):
    Generator(cooperations=1, years=2, seed=4, progress=lambda *a: None).run()
    items = list(appeals.with_status_facts(AgendaItem.objects.all(), as_lists=True))
    with CaptureQueriesContext(connection) as captured:
        for item in items:
            appeals.status(item)
    assert len(items) > 100
    assert len(captured) == 0
