"""The second factor (#14, #31 item 8): every account that can read non-public data (administrators,
secretaries, editors, viewers, admin-site users) gives a code from an authenticator app after their
password, before any page; set up from their own page after opening an e-mailed one-time link, with
single-use recovery codes. An account with no rights is not asked."""

import re

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from auditlog.models import AuditEvent


def password_login(username: str) -> Client:
    """A real login through the form, without the tests' shortcut."""
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": "password"})
    assert response.status_code == 302
    return client


def code(device) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def enrol(client, user):
    """Open the e-mailed set-up link, as the user would from their mailbox."""
    from django.core import mail

    page = client.get("/second-factor/")
    assert "/second-factor/enrol/" not in page.text  # the link is in the mail only
    [message] = [m for m in mail.outbox if m.to == [user.email]][-1:]
    link = re.search(r"http\S+(/second-factor/enrol/\S+/)", message.body).group(1)
    assert client.get(link).status_code == 302
    return link


@pytest.mark.parametrize("username", ["editor_a", "member"])
def test_editors_and_viewers_are_asked_too(world, username):
    response = password_login(username).get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/second-factor/")


def test_an_account_without_rights_is_not_asked(world):
    assert password_login("outsider").get("/").status_code == 200


@pytest.mark.parametrize("path", ["/", "/people/", "/admin/", "/cooperations/area-a/"])
def test_a_secretary_gives_the_second_factor_before_any_page(world, path):
    client = password_login("secretary")
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/second-factor/?next=")


def test_set_up_then_recovery_codes_then_through(world):
    world.secretary.email = "sihteeri@example.fi"
    world.secretary.save()
    client = password_login("secretary")
    enrol(client, world.secretary)
    page = client.get("/second-factor/")
    assert 'src="data:image/svg+xml;base64,' in page.text  # the QR code, served by the app itself
    device = TOTPDevice.objects.get(user=world.secretary, confirmed=False)
    done = client.post("/second-factor/", {"code": code(device), "next": "/people/"})
    codes = re.findall(r"<code>(\w+)</code>", done.text)
    assert len(codes) == 10
    assert client.get("/people/").status_code == 200
    assert AuditEvent.objects.filter(username="secretary", result="second factor set up").exists()


def test_a_recovery_code_works_once(world):
    client = password_login("secretary")
    device = TOTPDevice.objects.create(user=world.secretary, name="a", confirmed=True)
    from organisations.second_factor import _new_recovery_codes

    [first, *_rest] = _new_recovery_codes(world.secretary)
    assert client.post("/second-factor/", {"code": first}).status_code == 302
    assert client.get("/people/").status_code == 200
    again = password_login("secretary")
    assert again.post("/second-factor/", {"code": first}).status_code == 400
    assert not StaticToken.objects.filter(token=first).exists()
    assert again.post("/second-factor/", {"code": code(device)}).status_code == 302


def test_a_wrong_code_is_refused_logged_and_throttled(world):
    client = password_login("secretary")
    device = TOTPDevice.objects.create(user=world.secretary, name="a", confirmed=True)
    assert client.post("/second-factor/", {"code": "123456"}).status_code == 400
    # right after a failure even the right code waits (django-otp's growing back-off): no guessing
    assert client.post("/second-factor/", {"code": code(device)}).status_code == 400
    assert AuditEvent.objects.filter(username="secretary", result="second factor refused").count() == 2
    assert TOTPDevice.objects.get(user=world.secretary).throttling_failure_count == 1


def test_the_next_address_stays_on_this_site(world):
    client = password_login("secretary")
    device = TOTPDevice.objects.create(user=world.secretary, name="a", confirmed=True)
    response = client.post("/second-factor/", {"code": code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_board_secretary_of_one_cooperation_needs_it_too(world):
    from organisations import services
    from organisations.second_factor import needs_second_factor
    from tests.factories import UserFactory

    board = UserFactory(username="board")
    services.grant(user=board, role="secretary", organisation=world.org_a, cooperation=world.area.cooperation)
    assert needs_second_factor(board)
    assert needs_second_factor(world.member)  # a viewer reads non-public data too (#31 item 8)
    assert not needs_second_factor(world.outsider)


def test_the_password_alone_cannot_enrol_an_authenticator(world):
    """#31 item 8: whoever held a new secretary's password could enrol their own authenticator before
    the first login. The set-up needs the link e-mailed to the account's address."""
    from django.core import mail

    world.secretary.email = "sihteeri@example.fi"
    world.secretary.save()
    attacker = password_login("secretary")
    page = attacker.get("/second-factor/")
    assert 'src="data:image/svg+xml;base64,' not in page.text  # no code to scan
    assert "otp-secret" not in page.text
    pending = TOTPDevice.objects.filter(user=world.secretary)
    assert not pending.exists()
    assert attacker.post("/second-factor/", {"code": "123456"}).status_code == 200  # nothing to verify
    assert not TOTPDevice.objects.filter(user=world.secretary, confirmed=True).exists()
    assert len(mail.outbox) == 1  # the link went to the owner's mailbox
    attacker.get("/second-factor/")
    assert len(mail.outbox) == 1  # not resent on every page


def test_the_link_works_once_and_for_its_own_account(world):
    world.secretary.email = "sihteeri@example.fi"
    world.secretary.save()
    world.editor_a.email = "a@example.fi"
    world.editor_a.save()
    client = password_login("secretary")
    link = enrol(client, world.secretary)
    other = password_login("editor_a")
    other.get(link)
    assert 'src="data:image/svg+xml;base64,' not in other.get("/second-factor/").text  # not theirs
    assert 'src="data:image/svg+xml;base64,' in client.get("/second-factor/").text
    device = TOTPDevice.objects.get(user=world.secretary, confirmed=False)
    client.post("/second-factor/", {"code": code(device)})
    assert TOTPDevice.objects.filter(user=world.secretary, confirmed=True).exists()
    again = password_login("secretary")
    again.get(link)  # used: a confirmed authenticator changed the link's hash
    assert again.session.get("second_factor_enrol") is None
