"""The access-rights register (#18 item 3; agreement § 10): each party applies for, records, updates and
ends its own staff's personal access to the customer information system, with dates and who handled
each step; a right left open after its holder left the group is told to the party weekly; the register
exports for the joint controllers within the caller's rights, Finnish characters intact."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from accessrights import reminders, services
from accessrights.models import AccessRight
from governance.models import Membership, SteeringGroup
from tests.factories import PersonFactory

D = datetime.date


@pytest.fixture
def people(world):
    return {
        "a": PersonFactory(organisation=world.org_a, first_name="Äijä", last_name="Öhman"),
        "b": PersonFactory(organisation=world.org_b, first_name="Sirkka", last_name="Sosiaali"),
    }


def _apply(world, person, **fields):
    return services.apply(
        actor=world.editor_a,
        cooperation=world.area.cooperation,
        organisation=person.organisation,
        person=person,
        role=fields.pop("role", "asiantuntija"),
        applied_on=fields.pop("applied_on", D(2026, 1, 5)),
        applied_by=fields.pop("applied_by", "Aino Editori"),
        **fields,
    )


def test_a_right_goes_from_application_to_its_end_with_who_handled_each_step(world, people):
    right = _apply(world, people["a"])
    assert right.status == "applied"
    services.grant(right=right, on=D(2026, 1, 7), by="KEHA-pääkäyttäjä", actor=world.editor_a)
    services.update(
        right=right, on=D(2026, 3, 1), by="Aino Editori", note="Rooli laajennettu", actor=world.editor_a
    )
    services.end(right=right, on=D(2026, 6, 30), by="Aino Editori", actor=world.editor_a)
    right.refresh_from_db()
    assert right.status == "ended"
    assert (right.granted_by, right.update_note, right.ended_on) == (
        "KEHA-pääkäyttäjä",
        "Rooli laajennettu",
        D(2026, 6, 30),
    )
    assert right.history.count() == 4
    assert {h.history_user for h in right.history.all()} == {world.editor_a}


def test_steps_out_of_order_are_refused_and_nothing_changes(world, people):
    right = _apply(world, people["a"])
    with pytest.raises(ValidationError):
        services.grant(right=right, on=D(2026, 1, 1), by="X", actor=None)  # before the application
    with pytest.raises(ValidationError):
        services.update(right=right, on=D(2026, 2, 1), by="X", note="x", actor=None)  # not granted yet
    services.end(right=right, on=D(2026, 2, 1), by="X", actor=None)
    with pytest.raises(ValidationError):
        services.grant(right=right, on=D(2026, 2, 2), by="X", actor=None)  # ended
    right.refresh_from_db()
    assert (right.granted_on, right.updated_on, right.ended_on) == (None, None, D(2026, 2, 1))


def test_the_database_holds_the_order_of_the_dates(world, people):
    right = _apply(world, people["a"])
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessRight.objects.filter(pk=right.pk).update(granted_on=D(2025, 1, 1), granted_by="X")
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessRight.objects.filter(pk=right.pk).update(granted_on=D(2026, 2, 1), granted_by="")


def test_a_person_has_one_open_right_per_system(world, people):
    _apply(world, people["a"])
    with pytest.raises(ValidationError):
        _apply(world, people["a"], applied_on=D(2026, 2, 1))


def test_a_party_records_only_its_own_staff(world, people):
    with pytest.raises(ValidationError):
        services.apply(
            actor=None,
            cooperation=world.area.cooperation,
            organisation=world.org_a,
            person=people["b"],
            role="x",
            applied_on=D(2026, 1, 5),
            applied_by="X",
        )
    assert not AccessRight.objects.exists()


# Who sees and changes what: the same matrix as the pages.


def test_each_party_sees_its_own_the_secretary_all_others_nothing(
    world, people, as_editor_a, as_editor_b, as_secretary, as_member, as_outsider
):
    _apply(world, people["a"])
    services.apply(
        actor=None,
        cooperation=world.area.cooperation,
        organisation=world.org_b,
        person=people["b"],
        role="sosiaalityö",
        applied_on=D(2026, 1, 5),
        applied_by="Bertta Editori",
    )
    url = reverse("access-rights", args=[world.area.cooperation.code])
    page_a = as_editor_a.get(url).text
    assert "Äijä Öhman" in page_a
    assert "Sirkka Sosiaali" not in page_a
    page_b = as_editor_b.get(url).text
    assert "Sirkka Sosiaali" in page_b
    assert "Äijä Öhman" not in page_b
    page_s = as_secretary.get(url).text
    assert "Äijä Öhman" in page_s
    assert "Sirkka Sosiaali" in page_s
    assert as_member.get(url).status_code == 404
    assert as_outsider.get(url).status_code == 404


def test_only_the_own_party_changes_a_right(world, people, as_editor_a, as_editor_b, as_member, as_outsider):
    right = _apply(world, people["a"])
    url = reverse("access-right-step", args=[right.pk, "grant"])
    data = {"on": "2026-01-07", "by": "KEHA"}
    for other in (as_editor_b, as_member, as_outsider):
        assert other.post(url, data).status_code == 404
    assert AccessRight.objects.get(pk=right.pk).granted_on is None
    assert as_editor_a.post(url, data).status_code == 302
    assert AccessRight.objects.get(pk=right.pk).granted_on == D(2026, 1, 7)
    assert as_editor_a.get(reverse("access-right-step", args=[right.pk, "nonsense"])).status_code == 404


def test_an_editor_applies_in_the_portal_and_bad_input_saves_nothing(world, people, as_editor_a):
    url = reverse("access-right-apply", args=[world.area.cooperation.code])
    data = {
        "person": people["a"].pk,
        "system": "TYM-asiakastietojärjestelmä",
        "role": "asiantuntija",
        "applied_on": "2026-01-05",
        "applied_by": "Aino Editori",
    }
    assert as_editor_a.post(url, {**data, "person": people["b"].pk}).status_code == 400  # another party's
    assert as_editor_a.post(url, {**data, "applied_on": "9999-12-31"}).status_code == 400
    assert not AccessRight.objects.exists()
    assert as_editor_a.post(url, data).status_code == 302
    assert AccessRight.objects.get().organisation == world.org_a


# The reminder.


def test_a_right_left_open_after_leaving_the_group_is_told_to_the_party(world, people):
    group = SteeringGroup.objects.create(
        cooperation=world.area.cooperation, term_start=D(2025, 4, 1), term_end=D(2030, 3, 31)
    )
    seat = Membership.objects.create(
        group=group,
        organisation=world.org_a,
        person=people["a"],
        capacity="member",
        role="member",
        start_date=D(2025, 4, 1),
    )
    right = _apply(world, people["a"])
    services.grant(right=right, on=D(2026, 1, 7), by="KEHA", actor=None)
    assert list(reminders.left_open(D(2026, 7, 1))) == []
    Membership.objects.filter(pk=seat.pk).update(end_date=D(2026, 5, 31))
    [due] = reminders.left_open(D(2026, 7, 1))
    assert due.on == D(2026, 5, 31)
    assert due.audience.organisations == (world.org_a,)
    assert "Äijä Öhman" in str(due.text)
    services.end(right=right, on=D(2026, 7, 2), by="Aino Editori", actor=None)
    assert list(reminders.left_open(D(2026, 7, 3))) == []


def test_a_closed_login_with_open_access_is_told_too(world, people):
    right = _apply(world, people["a"])
    people["a"].user = world.member
    people["a"].save()
    world.member.is_active = False
    world.member.save()
    [due] = reminders.left_open(D(2026, 7, 1))
    assert due.key == f"accessrights.accessright:{right.pk}"


# Exports for the joint controllers.


def test_the_export_reads_back_with_finnish_characters_and_only_what_the_caller_sees(
    world, people, as_editor_a, as_editor_b
):
    _apply(world, people["a"], role="=HYPERLINK(1)")
    code = world.area.cooperation.code
    response = as_editor_a.get(reverse("access-rights-export", args=[code, "csv"]))
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["organisaatio", "henkilö", "järjestelmä"]
    assert rows[1][1] == "Äijä Öhman"
    assert rows[1][3] == "'=HYPERLINK(1)"  # never run as a formula
    assert rows[1][4] == "5.1.2026"
    other = as_editor_b.get(reverse("access-rights-export", args=[code, "csv"])).content.decode("utf-8-sig")
    assert "Öhman" not in other

    from openpyxl import load_workbook

    workbook = load_workbook(
        io.BytesIO(as_editor_a.get(reverse("access-rights-export", args=[code, "xlsx"])).content)
    )
    sheet = workbook.active
    assert sheet.title == "Käyttöoikeudet"
    assert sheet["B2"].value == "Äijä Öhman"
    assert as_editor_a.get(f"/cooperations/{code}/access-rights.exe").status_code == 404


def test_the_cooperation_page_links_the_register_to_those_it_concerns(world, as_editor_a, as_member):
    url = reverse("cooperation-detail", args=[world.area.cooperation.code])
    register = reverse("access-rights", args=[world.area.cooperation.code])
    assert register in as_editor_a.get(url).text
    assert register not in as_member.get(url).text
