"""People and rights in the portal: the board secretary of a cooperation (and a national
administrator) invites users, grants and withdraws rights, links logins to people, closes logins."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from organisations import services
from organisations.models import Grant, Person
from tests.conftest import client_for
from tests.factories import PersonFactory, UserFactory


@pytest.fixture
def coop(world):
    return world.area.cooperation


@pytest.fixture
def board_secretary(world, coop):
    """The board secretary of area A's cooperation only (not a national administrator)."""
    user = UserFactory(username="coop-secretary")
    services.grant(user=user, role=Grant.Role.SECRETARY, organisation=world.org_a, cooperation=coop)
    return user


def people_url(cooperation):
    return reverse("people-and-rights", args=[cooperation.code])


@pytest.mark.parametrize(
    ("persona", "status"),
    [("secretary", 200), ("board_secretary", 200), ("editor_a", 403), ("member", 403), ("outsider", 404)],
)
def test_only_the_secretaries_manage_people(world, coop, board_secretary, persona, status):
    user = board_secretary if persona == "board_secretary" else getattr(world, persona)
    assert client_for(user).get(people_url(coop)).status_code == status


def test_a_board_secretary_manages_only_their_own_cooperation(world, board_secretary):
    assert client_for(board_secretary).get(people_url(world.other_area.cooperation)).status_code == 404
    index = client_for(board_secretary).get(reverse("people-and-rights-index")).text
    assert world.area.cooperation.name_fi in index
    assert world.other_area.cooperation.name_fi not in index


def test_the_page_shows_who_can_do_what_here(world, coop, as_secretary):
    page = as_secretary.get(people_url(coop)).text
    assert "editor_a" in page
    assert "editor_b" in page
    assert "member" in page
    assert "Muu organisaatio" not in page  # the other cooperation's party is not here


def test_a_secretary_invites_a_user_who_sets_a_password_and_edits_their_organisation(
    world, coop, board_secretary
):
    secretary = client_for(board_secretary)
    response = secretary.post(
        reverse("people-invite", args=[coop.code]),
        {
            "invite-email": "uusi.kayttaja@example.fi",
            "invite-first_name": "Uusi",
            "invite-last_name": "Käyttäjä",
            "invite-organisation": world.org_b.pk,
            "invite-role": "editor",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="uusi.kayttaja@example.fi")
    assert not user.has_usable_password()
    assert user.person.organisation == world.org_b
    grant = Grant.objects.get(user=user)
    assert (grant.role, grant.cooperation, grant.granted_by) == ("editor", coop, board_secretary)
    [message] = mail.outbox
    assert message.to == ["uusi.kayttaja@example.fi"]
    link = re.search(r"http\S+/accounts/reset/\S+/", message.body).group(0)

    newcomer = Client()
    form_page = newcomer.get(link.split("8000", 1)[-1], follow=True)
    assert form_page.status_code == 200
    set_password = newcomer.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Kevät-aurinko-2026", "new_password2": "Kevät-aurinko-2026"},
    )
    assert set_password.status_code == 302
    assert (
        newcomer.post(
            reverse("login"), {"username": "uusi.kayttaja@example.fi", "password": "Kevät-aurinko-2026"}
        ).status_code
        == 302
    )
    # Then the second factor (#31 item 8): the set-up link comes by e-mail, the code from the app.
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    newcomer.get(reverse("second-factor"))
    enrol_link = re.search(r"http\S+(/second-factor/enrol/\S+/)", mail.outbox[-1].body).group(1)
    newcomer.get(enrol_link)
    newcomer.get(reverse("second-factor"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    newcomer.post(reverse("second-factor"), {"code": f"{TOTP(device.bin_key).token():06d}"})
    edit = newcomer.post(
        reverse("organisation-edit", args=[world.org_b.pk]),
        {
            "name_fi": world.org_b.name_fi,
            "name_sv": "",
            "business_id": world.org_b.business_id,
            "address": "Uusi 1",
        },
    )
    assert edit.status_code == 302
    world.org_b.refresh_from_db()
    assert world.org_b.address == "Uusi 1"
    assert world.org_b.history.first().history_user == user


def test_an_invitation_to_a_known_address_is_refused_and_saves_nothing(world, coop, as_secretary):
    world.editor_a.email = "aino@example.fi"
    world.editor_a.save()
    users = get_user_model().objects.count()
    response = as_secretary.post(
        reverse("people-invite", args=[coop.code]),
        {
            "invite-email": "AINO@example.fi",
            "invite-first_name": "Aino",
            "invite-last_name": "Toinen",
            "invite-organisation": world.org_a.pk,
            "invite-role": "viewer",
        },
    )
    assert response.status_code == 400
    assert "Tällä sähköpostiosoitteella on jo käyttäjä." in response.text
    assert get_user_model().objects.count() == users
    assert not Person.objects.filter(last_name="Toinen").exists()
    assert mail.outbox == []


def test_an_invitation_cannot_name_an_organisation_outside_the_cooperation(world, coop, as_secretary):
    response = as_secretary.post(
        reverse("people-invite", args=[coop.code]),
        {
            "invite-email": "x@example.fi",
            "invite-first_name": "X",
            "invite-last_name": "Y",
            "invite-organisation": world.other_org.pk,
            "invite-role": "editor",
        },
    )
    assert response.status_code == 400
    assert not get_user_model().objects.filter(username="x@example.fi").exists()


def test_a_right_is_granted_to_an_existing_user_and_withdrawn(world, coop, board_secretary):
    secretary = client_for(board_secretary)
    response = secretary.post(
        reverse("people-grant", args=[coop.code]),
        {"grant-username": "outsider", "grant-organisation": world.org_a.pk, "grant-role": "viewer"},
    )
    assert response.status_code == 302
    grant = Grant.objects.get(user=world.outsider)
    assert grant.cooperation == coop  # a cooperation's secretary grants in their cooperation only
    assert client_for(world.outsider).get(reverse("area-detail", args=[world.area.code])).status_code == 200
    secretary.post(reverse("people-withdraw", args=[coop.code, grant.pk]))
    assert client_for(world.outsider).get(reverse("area-detail", args=[world.area.code])).status_code == 404


def test_a_board_secretary_cannot_withdraw_a_right_given_in_another_cooperation(world, coop, board_secretary):
    elsewhere = services.grant(
        user=world.editor_b,
        role=Grant.Role.EDITOR,
        organisation=world.other_org,
        cooperation=world.other_area.cooperation,
    )
    response = client_for(board_secretary).post(reverse("people-withdraw", args=[coop.code, elsewhere.pk]))
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.withdrawn_at is None


def test_a_right_is_granted_only_for_a_party_of_the_cooperation(world, coop, as_secretary):
    data = {"grant-username": "outsider", "grant-organisation": world.other_org.pk, "grant-role": "editor"}
    response = as_secretary.post(reverse("people-grant", args=[coop.code]), data)
    assert response.status_code == 400
    assert not Grant.objects.filter(user=world.outsider).exists()


def test_a_grant_to_an_unknown_user_is_refused_on_its_field(world, coop, as_secretary):
    response = as_secretary.post(
        reverse("people-grant", args=[coop.code]),
        {"grant-username": "ei-ketaan", "grant-organisation": world.org_a.pk, "grant-role": "viewer"},
    )
    assert response.status_code == 400
    assert "Tällä käyttäjätunnuksella tai sähköpostiosoitteella ei ole käyttäjää." in response.text


def test_a_login_is_closed_only_where_all_its_rights_are(world, coop, board_secretary):
    secretary = client_for(board_secretary)
    local = UserFactory(username="local")
    services.grant(user=local, role=Grant.Role.VIEWER, organisation=world.org_a, cooperation=coop)
    assert secretary.post(reverse("people-deactivate", args=[coop.code, local.pk])).status_code == 302
    local.refresh_from_db()
    assert not local.is_active
    # editor_b also has a right in another cooperation: not this secretary's login to close
    services.grant(
        user=world.editor_b,
        role=Grant.Role.EDITOR,
        organisation=world.other_org,
        cooperation=world.other_area.cooperation,
    )
    assert (
        secretary.post(reverse("people-deactivate", args=[coop.code, world.editor_b.pk])).status_code == 403
    )


def test_a_login_is_linked_to_a_person_of_the_organisation(world, coop, as_secretary):
    user = UserFactory(username="nameless")
    services.grant(user=user, role=Grant.Role.VIEWER, organisation=world.org_a, cooperation=coop)
    person = PersonFactory(organisation=world.org_a, first_name="Nimetty", last_name="Henkilö")
    response = as_secretary.post(
        reverse("people-link-person", args=[coop.code, user.pk]), {"person": person.pk}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.user == user
    assert person.history.first().history_user == world.secretary
