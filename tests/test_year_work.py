"""The rest of the year in the portal: objectives proposed by a party and set by the steering group,
indicators and follow-up values, the staffing assessment, the leading person, and a development day's
costs. Refused writes change nothing; each role sees only the actions it may take."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from costs import services as costs
from costs.models import CostItem, DevelopmentDay
from governance.models import LeadershipAppointment
from staffing import services
from staffing.models import Measurement, Objective, StaffingReview

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_proposal_is_not_a_set_objective_until_the_group_decides(world, group_world):
    from staffing.adequacy_rules import objectives_set

    group = group_world.group
    objective = services.propose_objective(group=group, year=2026, actor=world.editor_a, title="Nuoret")
    assert objective.status == "proposed"
    assert not objectives_set(group, 2026)
    with pytest.raises(ValidationError):
        services.follow_up_status(objective=objective, status="on_track", actor=world.secretary)
    with pytest.raises(ValidationError):
        services.record_objective_decision(
            objective=objective, set_on=D(2027, 1, 5), decided_in=None, actor=world.secretary
        )
    services.record_objective_decision(
        objective=objective, set_on=D(2026, 2, 1), decided_in=None, actor=world.secretary
    )
    assert Objective.objects.get().status == "planned"
    assert objectives_set(group, 2026)
    with pytest.raises(ValidationError):
        services.follow_up_status(objective=objective, status="proposed", actor=world.secretary)


def test_a_follow_up_value_is_once_per_date_and_never_in_the_future(world, group_world):
    objective = services.propose_objective(
        group=group_world.group, year=2026, actor=world.editor_a, title="x"
    )
    indicator = services.add_indicator(
        objective=objective, actor=world.editor_a, name="Työllistyneet", unit="hlö", baseline=10, target=20
    )
    services.record_measurement(
        indicator=indicator, measured_on=D(2026, 6, 30), value=Decimal(14), actor=world.editor_a
    )
    with pytest.raises(ValidationError):
        services.record_measurement(
            indicator=indicator, measured_on=D(2026, 6, 30), value=Decimal(15), actor=world.editor_a
        )
    with pytest.raises(ValidationError):
        services.record_measurement(
            indicator=indicator,
            measured_on=D(2026, 7, 1),
            value=1,
            actor=world.editor_a,
            today=D(2026, 6, 30),
        )
    assert Measurement.objects.count() == 1


def test_inadequate_staffing_needs_its_measures(world, group_world):
    group = group_world.group
    with pytest.raises(ValidationError, match="measures"):
        services.assess_staffing(
            group=group, year=2025, adequate=False, assessed_on=D(2026, 2, 1), actor=world.secretary
        )
    assert not StaffingReview.objects.exists()
    review = services.assess_staffing(
        group=group,
        year=2025,
        adequate=False,
        assessed_on=D(2026, 2, 1),
        actor=world.secretary,
        measures="Kaksi lisävirkaa",
        measures_by="Kaupunki A",
    )
    assert (review.adequate, review.measures) == (False, "Kaksi lisävirkaa")
    services.assess_staffing(
        group=group, year=2025, adequate=True, assessed_on=D(2026, 3, 1), actor=world.secretary
    )
    assert StaffingReview.objects.get().adequate is True


def test_the_year_page_offers_each_role_its_own_actions(
    world, group_world, as_secretary, as_editor_a, as_member
):
    url = f"/groups/{group_world.group.pk}/year/2026/"
    objective = services.propose_objective(
        group=group_world.group, year=2026, actor=world.editor_a, title="x"
    )
    secretary = as_secretary.get(url).content.decode()
    editor = as_editor_a.get(url).content.decode()
    member = as_member.get(url).content.decode()
    assert f"/objectives/{objective.pk}/decision/" in secretary
    assert f"/objectives/{objective.pk}/decision/" not in editor
    assert "/year/2026/objectives/new/" in editor
    assert "/year/2026/objectives/new/" not in member
    assert (
        as_editor_a.post(f"/objectives/{objective.pk}/decision/", {"set_on": "2026-02-01"}).status_code == 403
    )
    assert (
        as_member.post(
            f"/groups/{group_world.group.pk}/year/2026/objectives/new/", {"title": "y"}
        ).status_code
        == 403
    )
    assert as_editor_a.post(f"/groups/{group_world.group.pk}/year/2025/assessment/", {}).status_code == 403


def test_an_editor_proposes_an_objective_in_the_portal(world, group_world, as_editor_a):
    url = f"/groups/{group_world.group.pk}/year/2026/objectives/new/"
    assert as_editor_a.post(url, {"title": ""}).status_code == 400
    response = as_editor_a.post(url, {"title": "Nuorten työllisyys", "responsible": [world.org_a.pk]})
    assert response.status_code == 302
    objective = Objective.objects.get()
    assert list(objective.responsible.all()) == [world.org_a]
    assert objective.history.latest().history_user == world.editor_a


def test_the_secretary_names_the_leading_person_within_the_groups_term(world, group_world, as_secretary):
    group = group_world.group
    LeadershipAppointment.objects.filter(capacity="deputy").update(ended_on=D(2026, 1, 1))
    url = f"/groups/{group.pk}/leadership/new/"
    data = {
        "capacity": "deputy",
        "person": group_world.people["a2"].pk,
        "approved_on": "2026-01-10",
        "named_on": "2026-01-20",
        "term_start": "2026-02-01",
        "term_end": "2031-01-31",
        "administrative_employer": world.org_a.pk,
    }
    response = as_secretary.post(url, data)
    assert response.status_code == 400
    assert 'id="id_term_end_error"' in response.content.decode()
    assert (
        as_secretary.post(url, {**data, "named_on": "2026-01-05", "term_end": "2030-03-31"}).status_code
        == 400
    )
    assert as_secretary.post(url, {**data, "term_end": "2030-03-31"}).status_code == 302
    assert LeadershipAppointment.objects.filter(capacity="deputy", ended_on__isnull=True).count() == 1
    assert as_secretary.post(url, {**data, "term_end": "2030-03-31"}).status_code == 400  # one current deputy


def test_an_editor_cannot_name_the_leading_person(group_world, as_editor_a):
    assert as_editor_a.get(f"/groups/{group_world.group.pk}/leadership/new/").status_code == 403


def test_a_development_day_is_created_costed_and_locked_once_invoiced(world, group_world, as_secretary):
    group = group_world.group
    response = as_secretary.post(
        f"/groups/{group.pk}/development-days/new/", {"title": "Kehittämispäivä", "date": "2026-05-12"}
    )
    day = DevelopmentDay.objects.get()
    assert response["Location"] == f"/development-days/{day.pk}/"
    url = f"/development-days/{day.pk}/costs/new/"
    assert (
        as_secretary.post(url, {"description": "Tila", "amount": "-5", "paid_by": world.org_a.pk}).status_code
        == 400
    )
    assert (
        as_secretary.post(
            url, {"description": "Tila", "amount": "1e9999", "paid_by": world.org_a.pk}
        ).status_code
        == 400
    )
    assert (
        as_secretary.post(
            url, {"description": "Tila", "amount": "1", "paid_by": world.other_org.pk}
        ).status_code
        == 400
    )
    assert (
        as_secretary.post(
            url, {"description": "Tila", "amount": "600.00", "paid_by": world.org_a.pk}
        ).status_code
        == 302
    )
    costs.register(day=day, organisation=world.org_a, count=2, actor=world.secretary)
    costs.register(day=day, organisation=world.org_b, count=1, actor=world.secretary)
    invoices = costs.prepare_invoices(day=day, actor=world.secretary, today=D(2026, 5, 13))
    costs.mark_invoice(invoice=invoices[0], status="sent", on=D(2026, 5, 14), actor=world.secretary)
    with pytest.raises(ValidationError):
        costs.add_cost_item(
            day=day, description="Lisä", amount=Decimal(1), paid_by=world.org_a, actor=world.secretary
        )
    assert CostItem.objects.count() == 1


def test_only_the_secretary_adds_days_and_costs(world, group_world, as_editor_a):
    day = costs.create_day(group=group_world.group, actor=world.secretary, title="x", date=D(2026, 5, 1))
    assert as_editor_a.post(f"/groups/{group_world.group.pk}/development-days/new/", {}).status_code == 403
    assert as_editor_a.post(f"/development-days/{day.pk}/costs/new/", {}).status_code == 403
