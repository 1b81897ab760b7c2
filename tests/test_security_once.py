"""#31 item 1: the one-time form token ({% once %}) must not undo the protections beside it. It rolled
the whole request back when the answer was 400 or above, and any 32 hex digits were a token, so each
wrong password or second-factor code sent with a fresh token left django-axes' and django-otp's
counters (and the use log's rows) as they were: a stolen password plus TOTP fell in about two hours."""

import datetime
import re

import time_machine
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from auditlog.models import AuditEvent
from core import once
from core.models import SubmittedForm
from tests.conftest import verified_device


def token_of(page) -> str:
    return re.search(r'name="once" value="([0-9a-f]+)"', page.text).group(1)


def test_the_login_page_carries_a_token_the_server_issued(user):
    token = token_of(Client().get("/accounts/login/"))
    assert once.nonce_of(token) is not None
    assert once.nonce_of(token[:-1] + ("0" if token[-1] != "0" else "1")) is None
    assert once.nonce_of("0" * 32) is None  # the old form: anything of 32 hex digits


def test_twelve_wrong_passwords_with_fresh_tokens_lock_the_account(user, settings):
    client = Client()
    for _ in range(12):
        token = token_of(client.get("/accounts/login/"))
        client.post("/accounts/login/", {"username": "member", "password": "wrong", "once": token})
    token = token_of(client.get("/accounts/login/"))
    response = client.post("/accounts/login/", {"username": "member", "password": "password", "once": token})
    assert response.status_code == 429  # locked: django-axes' count survived every refused request
    assert client.get("/").status_code == 302  # not logged in
    assert (
        AuditEvent.objects.filter(username="member", action="login_failed").count()
        >= settings.AXES_FAILURE_LIMIT
    )


def test_made_up_tokens_buy_no_guesses_either(user):
    client = Client()
    for n in range(12):
        client.post("/accounts/login/", {"username": "member", "password": "wrong", "once": f"{n:032x}"})
    response = client.post(
        "/accounts/login/", {"username": "member", "password": "password", "once": "f" * 32}
    )
    assert response.status_code == 429
    assert not SubmittedForm.objects.exists()  # a token the server did not issue is no token


@time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_ten_wrong_codes_with_fresh_tokens_then_the_right_code_is_throttled(world):
    client = Client()
    assert (
        client.post("/accounts/login/", {"username": "secretary", "password": "password"}).status_code == 302
    )
    device = verified_device(world.secretary)
    for n in range(10):
        token = token_of(client.get("/second-factor/"))
        wrong = f"{(TOTP(device.bin_key).token() + 1 + n) % 1_000_000:06d}"
        assert client.post("/second-factor/", {"code": wrong, "once": token}).status_code == 400
    right = f"{TOTP(device.bin_key).token():06d}"
    token = token_of(client.get("/second-factor/"))
    assert client.post("/second-factor/", {"code": right, "once": token}).status_code == 400  # throttled
    assert TOTPDevice.objects.get(pk=device.pk).throttling_failure_count >= 1
    assert client.get("/people/").status_code == 302  # still owes the second factor
    refused = AuditEvent.objects.filter(username="secretary", result="second factor refused")
    assert refused.count() == 11  # every refusal is logged, the last one's too


def test_a_refused_form_gives_its_token_back_and_keeps_the_views_own_writes(world):
    """The token alone is removed on a refusal; what the view wrote (here the log's row) stays."""
    client = Client()
    client.post("/accounts/login/", {"username": "secretary", "password": "password"})
    verified_device(world.secretary)
    token = token_of(client.get("/second-factor/"))
    assert client.post("/second-factor/", {"code": "000000", "once": token}).status_code == 400
    assert not SubmittedForm.objects.filter(token=once.nonce_of(token)).exists()
    assert AuditEvent.objects.filter(username="secretary", result="second factor refused").exists()


def test_a_token_is_used_once(world):
    client = Client()
    token = token_of(client.get("/accounts/login/"))
    data = {"username": "editor_a", "password": "password", "once": token}
    assert client.post("/accounts/login/", data).status_code == 302
    assert SubmittedForm.objects.filter(token=once.nonce_of(token)).exists()
    again = Client().post("/accounts/login/", data)
    assert again.status_code == 302
    assert again["Location"] == "/"  # "already sent", not a second login
