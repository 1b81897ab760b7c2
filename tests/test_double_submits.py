"""The same form sent twice (a double click, a resent request, two at once) is saved once (#14):
every portal form carries a one-time token ({% once %}); core.middleware.OnceMiddleware keeps it with
the write in one transaction."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client

from agreements.models import Agreement
from core import once
from core.models import SubmittedForm
from costs.models import CostItem, DevelopmentDay, Registration
from decisions.models import AgendaItem, Body, Meeting
from governance.models import Nomination
from staffing.models import Indicator, Objective
from tests.tools import require

FORMS = [
    "meeting",
    "item",
    "agreement",
    "objective",
    "indicator",
    "nomination",
    "day",
    "cost",
    "registration",
]


@pytest.fixture
def forms(world, group_world):
    from decisions import services as decisions
    from staffing import services as staffing

    body = Body.objects.create(area=world.area, code="lautakunta", name_fi="Lautakunta", kind="municipal")
    day = DevelopmentDay.objects.create(group=group_world.group, title="Päivä", date="2026-05-05")
    meeting = decisions.create_meeting(body=body, actor=world.secretary, date=datetime.date(2026, 3, 10))
    objective = staffing.propose_objective(
        group=group_world.group, year=2026, actor=world.secretary, title="T"
    )
    group = group_world.group.pk
    return {
        "item": (f"/meetings/{meeting.pk}/items/new/", {"title": "Asia", "proposal": "x"}, AgendaItem),
        "agreement": (
            f"/cooperations/{world.area.cooperation.code}/agreements/new/",
            {"title": "S"},
            Agreement,
        ),
        "cost": (
            f"/development-days/{day.pk}/costs/new/",
            {"description": "Tila", "amount": "100", "paid_by": world.org_a.pk},
            CostItem,
        ),
        "indicator": (
            f"/objectives/{objective.pk}/indicators/new/",
            {"name": "M", "unit": "hlö", "baseline": "1", "target": "2"},
            Indicator,
        ),
        "nomination": (
            f"/groups/{group}/nominations/new/",
            {"organisation": world.org_a.pk, "decided_by_body": "Hallitus", "decided_on": "2026-01-05"},
            Nomination,
        ),
        "meeting": (f"/bodies/{body.pk}/meetings/new/", {"date": "2026-05-05"}, Meeting),
        "objective": (f"/groups/{group}/year/2026/objectives/new/", {"title": "Tavoite"}, Objective),
        "day": (
            f"/groups/{group}/development-days/new/",
            {"title": "Toinen", "date": "2026-06-01"},
            DevelopmentDay,
        ),
        "registration": (
            f"/development-days/{day.pk}/register/",
            {"organisation": world.org_a.pk, "count": "2"},
            Registration,
        ),
    }


def secretary_client(world) -> Client:
    client = Client()
    client.force_login(world.secretary)
    return client


def test_every_portal_form_carries_a_one_time_token():
    from pathlib import Path

    templates = Path(__file__).resolve().parent.parent / "templates"
    for path in templates.rglob("*.html"):
        text = path.read_text()
        if 'method="post"' in text and path.name != "base.html":
            assert text.count("{% csrf_token %}") == text.count("{% once %}"), path


@pytest.mark.parametrize("name", FORMS)
def test_the_same_form_sent_twice_is_saved_once(world, forms, name):
    url, data, model = forms[name]
    client = secretary_client(world)
    before = model.objects.count()
    token = once.issue()
    first = client.post(url, {**data, "once": token})
    second = client.post(url, {**data, "once": token}, HTTP_REFERER="http://testserver/")
    assert first.status_code == 302
    assert second.status_code == 302
    assert model.objects.count() == before + 1


def test_a_refused_form_can_be_sent_again_corrected(world, forms):
    url, data, model = forms["meeting"]
    client = secretary_client(world)
    before = model.objects.count()
    token = once.issue()
    assert client.post(url, {"date": "31.2.2026", "once": token}).status_code == 400
    assert not SubmittedForm.objects.filter(token=once.nonce_of(token)).exists()
    assert client.post(url, {**data, "once": token}).status_code == 302
    assert model.objects.count() == before + 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", FORMS)
def test_two_requests_at_once_save_one_row(world, forms, name):
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)", "REQUIRE_POSTGRESQL")
    url, data, model = forms[name]
    before = model.objects.count()
    token = once.issue()
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def send() -> None:
        try:
            client = secretary_client(world)
            barrier.wait(timeout=10)
            statuses.append(client.post(url, {**data, "once": token}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [302, 302]
    assert model.objects.count() == before + 1


@pytest.mark.django_db(transaction=True)
def test_two_last_signatures_at_once_leave_the_agreement_in_force(world):
    """#14: two parties' last signatures recorded at the same moment must not leave the agreement "out
    for signature" for good; the agreement row is locked while a signature is recorded."""
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)", "REQUIRE_POSTGRESQL")
    from agreements import services as agreements
    from agreements.models import Agreement, AgreementParty, Signatory, Version
    from decisions import services as decisions

    actor = world.secretary
    body = Body.objects.create(area=world.area, code="b", name_fi="Lautakunta", kind="municipal")
    meeting = decisions.create_meeting(body=body, actor=actor, date=datetime.date(2026, 3, 2))
    item = decisions.add_item(meeting=meeting, actor=actor, title="Sopimus", proposal="x")
    decisions.record_decision(
        item=item,
        outcome="as_proposed",
        decision="x",
        decision_sv="",
        parts=[("rectification", "", "")],
        actor=actor,
        today=datetime.date(2026, 3, 2),
    )
    agreement = agreements.create_agreement(cooperation=world.area.cooperation, title="S", actor=actor)
    agreements.add_section(agreement=agreement, number=1, title="x", text="y", actor=actor)
    agreements.approve(agreement=agreement, decision=item, actor=actor)
    signatories = [
        agreements.add_signatory(party=party, actor=actor, name_as_written=f"S{party.pk}")
        for party in AgreementParty.objects.filter(agreement=agreement)
    ]
    agreements.send_for_signature(agreement=agreement, actor=actor)
    version = Version.objects.get(agreement=agreement)
    barrier = threading.Barrier(len(signatories))
    errors: list[Exception] = []

    def sign(signatory: Signatory) -> None:
        try:
            barrier.wait(timeout=10)
            agreements.record_signature(
                version=version,
                signatory=signatory,
                signed_on=datetime.date(2026, 3, 5),
                esignature_reference=f"e{signatory.pk}",
                actor=None,
            )
        except Exception as error:  # collected: the assertion below names it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=(s,)) for s in signatories]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    agreement = Agreement.objects.get(pk=agreement.pk)
    assert agreement.status == "in_force"
    assert agreement.in_force_from == datetime.date(2026, 3, 5)
