import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance import services
from governance.models import Membership, Nomination
from tests.factories import PersonFactory
from tests.tools import pdf_text


def group_url(group_world):
    return reverse("group-detail", args=[group_world.group.pk])


@pytest.mark.parametrize("persona", ["as_secretary", "as_editor_a", "as_editor_b", "as_member"])
def test_everyone_of_the_area_sees_the_group(group_world, persona, request):
    response = request.getfixturevalue(persona).get(group_url(group_world))
    assert response.status_code == 200
    assert "A1 Henkilöa1" in response.text
    assert "puheenjohtaja" in response.text
    assert "varapuheenjohtaja" in response.text


def test_an_outsider_and_anonymous_are_refused(group_world, as_outsider, client):
    assert as_outsider.get(group_url(group_world)).status_code == 404
    assert client.get(group_url(group_world)).status_code == 302


def test_the_page_shows_each_member_beside_their_personal_deputy(group_world, as_member):
    text = as_member.get(group_url(group_world)).text
    row = text[text.index("A1 Henkilöa1") :]
    assert row.index("A2 Henkilöa2") < row.index("</tr>")


def test_the_page_shows_the_findings_and_the_timeline(group_world, as_member):
    services.seat_member(nomination=group_world.nomination_b, person=group_world.people["b3"], actor=None)
    text = as_member.get(group_url(group_world)).text
    assert "SG-DEPUTY" in text
    assert "<svg" in text
    assert 'role="img"' in text


def test_an_editor_records_a_nomination_only_for_their_own_organisation(group_world, world, as_editor_a):
    form = as_editor_a.get(reverse("nomination-create", args=[group_world.group.pk]))
    assert world.org_a.name_fi in form.text
    assert f'value="{world.org_b.pk}"' not in form.text
    response = as_editor_a.post(
        reverse("nomination-create", args=[group_world.group.pk]),
        {
            "organisation": world.org_b.pk,
            "decided_by_body": "X",
            "decided_on": "2025-01-01",
            "reference": "x",
        },
    )
    assert response.status_code == 400  # refused: shown again, nothing saved
    assert not Nomination.objects.filter(organisation=world.org_b, reference="x").exists()


def test_an_editor_records_their_organisations_nomination_and_seats(group_world, world, as_editor_a):
    response = as_editor_a.post(
        reverse("nomination-create", args=[group_world.group.pk]),
        {
            "organisation": world.org_a.pk,
            "decided_by_body": "Lautakunta",
            "decided_on": "2026-02-01",
            "reference": "§ 3/2026",
        },
    )
    nomination = Nomination.objects.get(reference="§ 3/2026")
    assert response.url == reverse("seat-create", args=[nomination.pk])
    member, deputy = PersonFactory(organisation=world.org_a), PersonFactory(organisation=world.org_a)
    response = as_editor_a.post(
        reverse("seat-create", args=[nomination.pk]),
        {
            "person": member.pk,
            "deputy": deputy.pk,
            "role": "member",
            "start_date": "2026-02-01",
        },
    )
    assert response.status_code == 302
    seat = Membership.objects.get(person=member)
    assert seat.deputies.get().person == deputy
    assert seat.history.first().history_user == world.editor_a


@pytest.mark.parametrize("name", ["nomination-edit", "seat-create"])
def test_an_editor_cannot_touch_another_organisations_nomination(group_world, as_editor_a, name):
    assert as_editor_a.get(reverse(name, args=[group_world.nomination_b.pk])).status_code == 403


def test_a_member_acting_for_no_organisation_cannot_nominate(group_world, as_member):
    assert as_member.get(reverse("nomination-create", args=[group_world.group.pk])).status_code == 403
    assert (
        as_member.post(
            reverse("seat-end", args=[group_world.chair.pk]), {"end_date": "2026-01-01", "reason": "resigned"}
        ).status_code
        == 403
    )


def test_an_editor_cannot_end_another_organisations_seat(group_world, as_editor_a):
    response = as_editor_a.post(
        reverse("seat-end", args=[group_world.vice_chair.pk]),
        {"end_date": "2026-01-01", "reason": "resigned"},
    )
    assert response.status_code == 403
    group_world.vice_chair.refresh_from_db()
    assert group_world.vice_chair.end_date is None


def test_a_second_chair_is_refused_with_a_translated_message_and_nothing_saved(group_world, as_editor_a):
    before = Membership.objects.count()
    response = as_editor_a.post(
        reverse("seat-create", args=[group_world.nomination_a.pk]),
        {
            "person": group_world.people["a3"].pk,
            "role": "chair",
        },
    )
    assert response.status_code == 400
    assert "Johtoryhmällä on jo puheenjohtaja." in response.text
    assert Membership.objects.count() == before


def test_an_end_before_the_start_is_refused_in_the_form(group_world, as_editor_a):
    Membership.objects.filter(pk=group_world.chair.pk).update(start_date=datetime.date(2025, 4, 1))
    response = as_editor_a.post(
        reverse("seat-end", args=[group_world.chair.pk]), {"end_date": "2025-03-01", "reason": "resigned"}
    )
    assert response.status_code == 400
    assert "Päättymispäivä ei voi olla ennen alkamispäivää." in response.text


def test_ending_a_seat_keeps_it_in_the_history(group_world, world, as_editor_a):
    response = as_editor_a.post(
        reverse("seat-end", args=[group_world.chair.pk]), {"end_date": "2026-01-31", "reason": "resigned"}
    )
    assert response.status_code == 302
    history = as_editor_a.get(reverse("group-history", args=[group_world.group.pk])).text
    assert "editor_a" in history
    assert "A1 Henkilöa1" in history


def test_the_group_page_costs_the_same_queries_however_many_seats(group_world, world, as_member):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert as_member.get(group_url(group_world)).status_code == 200
        return len(ctx.captured_queries)

    count()  # warm-up
    before = count()
    for _ in range(4):
        services.seat_member(
            nomination=group_world.nomination_a,
            person=PersonFactory(organisation=world.org_a),
            deputy=PersonFactory(organisation=world.org_a),
            actor=None,
        )
    assert count() == before


def test_the_composition_pdf_shows_the_whole_table(group_world, as_member, tmp_path):
    response = as_member.get(reverse("group-pdf", args=[group_world.group.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content, tmp_path)
    assert "Johtoryhmän kokoonpano" in text
    for name in ["A1 Henkilöa1", "A2 Henkilöa2", "B1 Henkilöb1", "K2 Henkilök2", "Kansaneläkelaitos"]:
        assert name in text


def test_an_editor_names_a_successor_and_the_history_keeps_both(group_world, world, as_editor_a):
    successor = PersonFactory(organisation=world.org_a)
    response = as_editor_a.post(
        reverse("seat-replace", args=[group_world.chair.pk]),
        {
            "successor": successor.pk,
            "start_date": "2026-03-01",
            "keep_deputy": "on",
        },
    )
    assert response.status_code == 302
    new = Membership.objects.get(person=successor)
    assert new.role == "chair"
    assert new.deputies.get().person == group_world.people["a2"]
    group_world.chair.refresh_from_db()
    assert group_world.chair.end_date == datetime.date(2026, 2, 28)


def test_an_editor_cannot_name_a_successor_for_another_organisation(group_world, world, as_editor_a):
    response = as_editor_a.post(
        reverse("seat-replace", args=[group_world.vice_chair.pk]),
        {
            "successor": group_world.people["b3"].pk,
            "start_date": "2026-03-01",
        },
    )
    assert response.status_code == 403
