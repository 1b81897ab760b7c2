"""Rights follow the grants in force and the organisations' current participation: given, used,
withdrawn, and refused on the very next request, for every kind of address."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from notifications.services import preference
from organisations import access, services
from organisations.models import Grant, Organisation, Participation
from tests.conftest import client_for
from tests.factories import CooperationFactory, EmploymentAreaFactory, OrganisationFactory, UserFactory

D = datetime.date


def reachable(client, group) -> dict[str, int]:
    """The status of one address of every kind for GROUP's cooperation: a page, a PDF, an export."""
    return {
        "page": client.get(reverse("group-detail", args=[group.pk])).status_code,
        "area": client.get(reverse("cooperation-detail", args=[group.cooperation.code])).status_code,
        "pdf": client.get(reverse("group-pdf", args=[group.pk])).status_code,
        "csv": client.get(reverse("staffing-export", args=[group.pk, 2025, "csv"])).status_code,
        "xlsx": client.get(reverse("staffing-export", args=[group.pk, 2025, "xlsx"])).status_code,
    }


def calendar_of(client, user) -> str:
    return client.get(reverse("calendar-feed", args=[preference(user).calendar_token])).content.decode()


ALL_OK = {"page": 200, "area": 200, "pdf": 200, "csv": 200, "xlsx": 200}
# Outside the user's reach a record is not found: not even its existence is told (#14).
ALL_REFUSED = {"page": 404, "area": 404, "pdf": 404, "csv": 404, "xlsx": 404}
TERM_END = "DTSTART;VALUE=DATE:20300331"  # the group's term ends on 31.3.2030


@pytest.fixture
def newcomer(world, group_world):
    """A user of organisation B with no rights yet."""
    return UserFactory(username="newcomer")


def test_a_grant_is_used_and_its_withdrawal_refuses_the_next_request_of_every_kind(
    newcomer, world, group_world, client
):
    browser = client_for(newcomer)
    assert reachable(browser, group_world.group) == ALL_REFUSED
    grant = services.grant(
        user=newcomer,
        role=Grant.Role.EDITOR,
        organisation=world.org_b,
        cooperation=world.area.cooperation,
        actor=world.secretary,
    )
    # A right held now needs the second factor too (#31 item 8): given, as a new login gives it.
    assert browser.get(f"/groups/{group_world.group.pk}/")["Location"].startswith("/second-factor/")
    from organisations.access import forget_rights

    forget_rights(newcomer)  # the grants kept on this object are from before
    browser.force_login(newcomer)
    assert reachable(browser, group_world.group) == ALL_OK
    assert TERM_END in calendar_of(client, newcomer)

    services.withdraw(grant=grant, actor=world.secretary)
    assert reachable(browser, group_world.group) == ALL_REFUSED
    assert TERM_END not in calendar_of(client, newcomer)
    grant.refresh_from_db()
    assert grant.withdrawn_by == world.secretary
    assert grant.history.first().history_user == world.secretary
    assert grant.history.last().history_user == world.secretary  # the grant itself, named too


def test_ending_a_participation_refuses_its_editors_at_once(world, group_world, as_editor_b, client):
    assert reachable(as_editor_b, group_world.group) == ALL_OK
    participation = Participation.objects.get(cooperation=world.area.cooperation, organisation=world.org_b)
    services.end_participation(participation=participation, left_on=D(2026, 6, 30), actor=world.secretary)
    assert reachable(as_editor_b, group_world.group) == ALL_REFUSED
    assert TERM_END not in calendar_of(client, world.editor_b)
    # the editor still acts for B, but nothing of the cooperation B left is theirs to change
    seat = group_world.vice_chair
    assert as_editor_b.get(reverse("seat-end", args=[seat.pk])).status_code == 404  # no longer reached


def test_kelas_editor_in_one_cooperation_has_no_right_in_another(world, group_world):
    # Kela takes part in every cooperation, but a right given in one is no right in another (#26).
    kela_user = UserFactory(username="kela-editor")
    services.make_editor(kela_user, group_world.kela, world.area.cooperation)
    browser = client_for(kela_user)
    assert reachable(browser, group_world.group) == ALL_OK
    elsewhere = EmploymentAreaFactory(code="area-new", name_fi="Uusi alue")
    assert browser.get(reverse("cooperation-detail", args=[elsewhere.cooperation.code])).status_code == 404
    assert access.can_act_for(kela_user, group_world.kela, world.area.cooperation)
    assert not access.can_act_for(kela_user, group_world.kela, elsewhere.cooperation)
    assert access.users_acting_for(group_world.kela, world.area.cooperation) == [kela_user]
    assert access.users_acting_for(group_world.kela, elsewhere.cooperation) == []


def test_a_right_cannot_be_given_for_an_organisation_outside_the_cooperation(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="ei osallistu yhteistoiminta-alueeseen"):
        services.grant(
            user=world.member,
            role=Grant.Role.EDITOR,
            organisation=world.other_org,
            cooperation=world.area.cooperation,
        )
    assert not Grant.objects.filter(user=world.member, organisation=world.other_org).exists()


def test_a_grant_named_for_one_cooperation_reaches_only_that_one(world, group_world):
    other = CooperationFactory(code="coop-other")
    Participation.objects.create(cooperation=other, organisation=world.org_b)
    user = UserFactory(username="one-place")
    services.grant(
        user=user, role=Grant.Role.VIEWER, organisation=world.org_b, cooperation=world.area.cooperation
    )
    browser = client_for(user)
    assert browser.get(reverse("cooperation-detail", args=[world.area.cooperation.code])).status_code == 200
    assert browser.get(reverse("cooperation-detail", args=[other.code])).status_code == 404


def test_a_viewer_sees_but_does_not_act(world, group_world, as_member):
    assert reachable(as_member, group_world.group) == ALL_OK
    assert not access.can_act_for(world.member, world.org_a, world.area.cooperation)
    assert as_member.get(reverse("nomination-create", args=[group_world.group.pk])).status_code == 403


def test_a_deactivated_user_loses_every_right(world, group_world, as_editor_b):
    services.deactivate(user=world.editor_b, actor=world.secretary)
    # the session ends with the login: the next request goes to the login page
    assert as_editor_b.get(reverse("group-detail", args=[group_world.group.pk])).status_code == 302
    world.editor_b.refresh_from_db()
    assert access.rights_of(world.editor_b) == access.NO_RIGHTS


def test_the_same_right_is_held_once(world):
    here = world.area.cooperation
    first = services.grant(
        user=world.member, role=Grant.Role.EDITOR, organisation=world.org_a, cooperation=here
    )
    again = services.grant(
        user=world.member, role=Grant.Role.EDITOR, organisation=world.org_a, cooperation=here
    )
    assert first == again
    assert Grant.objects.active().filter(user=world.member, role="editor").count() == 1


def test_a_grant_names_its_cooperation_in_the_database(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Grant.objects.create(user=world.member, role=Grant.Role.SECRETARY, organisation=world.org_a)


def test_the_commands_grant_and_revoke_and_print_what_changed(world, group_world):
    user = UserFactory(username="scripted")
    out = StringIO()
    call_command(
        "grant_access",
        "scripted",
        "--organisation",
        "3221318-2",
        "--role",
        "editor",
        "--cooperation",
        "area-a",
        "--by",
        "secretary",
        stdout=out,
    )
    assert out.getvalue() == "Granted: scripted: editor for Hyvinvointialue B (3221318-2), in area-a\n"
    assert access.can_act_for(user, world.org_b, world.area.cooperation)
    assert Grant.objects.get(user=user).granted_by == world.secretary
    out = StringIO()
    here = ["--organisation", "3221318-2", "--role", "editor", "--cooperation", "area-a"]
    call_command("grant_access", "scripted", *here, stdout=out)
    assert out.getvalue().startswith("Unchanged:")
    out = StringIO()
    call_command("revoke_access", "scripted", *here, stdout=out)
    assert out.getvalue().startswith("Withdrawn: scripted: editor for Hyvinvointialue B")
    # rights are kept on a user object for one request: the next one (a fresh object) reads them anew
    assert not access.can_act_for(type(user).objects.get(pk=user.pk), world.org_b, world.area.cooperation)
    out = StringIO()
    call_command("revoke_access", "scripted", *here, stdout=out)
    assert out.getvalue() == "Unchanged: no such right in force\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["nobody", "--organisation", "3221318-2", "--role", "viewer", "--cooperation", "area-a"],
            "No user 'nobody'",
        ),
        (
            ["member", "--organisation", "1234567-1", "--role", "viewer", "--cooperation", "area-a"],
            "No organisation has the business ID",
        ),
        (
            ["member", "--organisation", "3221308-6", "--role", "secretary", "--cooperation", "area-a"],
            "ei osallistu yhteistoiminta-alueeseen",
        ),
        (
            ["member", "--organisation", "3221318-2", "--role", "viewer", "--cooperation", "x"],
            "No cooperation",
        ),
    ],
)
def test_the_commands_refuse_what_they_cannot_find(world, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("grant_access", *args)
    assert not Grant.objects.filter(user=world.member, role="secretary").exists()


def test_a_business_id_shared_by_two_organisations_is_refused_by_name(world):
    OrganisationFactory(name_fi="Kaksoisolento", business_id="3221318-2")
    with pytest.raises(CommandError, match="Hyvinvointialue B, Kaksoisolento"):
        call_command(
            "grant_access",
            "member",
            "--organisation",
            "3221318-2",
            "--role",
            "viewer",
            "--cooperation",
            "area-a",
        )


def test_an_organisation_without_a_grant_reaches_nothing(world, group_world, as_outsider):
    assert reachable(as_outsider, group_world.group) == ALL_REFUSED
    assert list(access.cooperations_visible_to(world.outsider)) == []
    assert Organisation.objects.count() > 0


def test_a_cooperations_board_secretary_does_the_secretarys_work_there_only(world, group_world):
    from decimal import Decimal

    from costs.models import CostItem, DevelopmentDay, Registration

    secretary = UserFactory(username="coop-secretary")
    services.grant(
        user=secretary,
        role=Grant.Role.SECRETARY,
        organisation=world.org_a,
        cooperation=world.area.cooperation,
    )
    day = DevelopmentDay.objects.create(group=group_world.group, date=D(2025, 10, 15), title="Päivä")
    CostItem.objects.create(day=day, description="Tila", amount=Decimal("300.00"), paid_by=world.org_a)
    Registration.objects.create(day=day, organisation=world.org_b, count=1)
    browser = client_for(secretary)
    assert browser.post(reverse("day-invoices", args=[day.pk])).status_code == 302
    assert day.invoices.count() == 1
    assert not access.is_secretary_of(secretary, world.other_area.cooperation)
    # an editor of a party does not invoice
    assert client_for(world.editor_a).post(reverse("day-invoices", args=[day.pk])).status_code == 403
