"""Single sign-on with an organisation's OpenID Connect provider (#30), against a real provider process
(oidc-provider-mock over HTTP, tests/oidc.py): who is signed in, who is refused and why, the provider's
multi-factor assertion as the second factor, forged answers, and the provider's logout."""

from __future__ import annotations

import base64
import json

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from auditlog.models import AuditEvent
from sso import clients
from tests import oidc


@pytest.fixture
def kela_idp(settings, tmp_path):
    """A running provider configured as Kela's, which may sign in Kela's people only."""
    with oidc.provider_process() as issuer:
        settings.SITE_ROOT = "http://testserver"
        settings.OIDC_PROVIDERS = (oidc.provider(issuer, tmp_path),)
        yield issuer


def sign_in(client: Client, issuer: str, sub: str, key: str = "kela", **claims):
    """The whole round trip: our start link, the provider's form for SUB, back to our callback."""
    oidc.set_user(issuer, sub, **claims)
    start = client.get(reverse("sso-start", args=[key]), {"next": "/decisions/"})
    assert start.status_code == 302, start.content
    assert start["Location"].startswith(issuer)
    back = oidc.authorize(start["Location"], sub)
    return client.get(oidc.callback_path(back))


def kaisa_claims(**more):
    return {"email": "kaisa.kela@kela.fi", "email_verified": True, **more}


def test_the_login_page_offers_each_provider_in_finnish(kela_idp, db):
    page = Client().get(reverse("login"))
    assert "Kirjaudu organisaation tunnuksilla: Kela" in page.text
    swedish = Client()
    swedish.cookies["django_language"] = "sv"
    swedish = swedish.get(reverse("login"))
    assert "FPA" in swedish.text


def test_a_kela_user_signs_in_and_the_product_asks_its_own_second_factor(kela_idp, world):
    kaisa = oidc.kela_user(world)
    client = Client()
    response = sign_in(client, kela_idp, "kaisa-sub", **kaisa_claims(amr=["pwd"]))
    assert response.status_code == 302
    assert response["Location"] == "/decisions/"
    assert int(client.session["_auth_user_id"]) == kaisa.pk
    # No multi-factor assertion: the product's own second factor before any page with rights.
    assert client.get("/decisions/")["Location"].startswith(reverse("second-factor"))
    logged = AuditEvent.objects.filter(action="login", user=kaisa).get()
    assert logged.target == "/sso/kela/callback/"


def test_the_providers_mfa_counts_as_the_second_factor(kela_idp, world):
    oidc.kela_user(world)
    client = Client()
    sign_in(client, kela_idp, "kaisa-sub", **kaisa_claims(amr=["pwd", "mfa"]))
    assert client.get("/decisions/").status_code == 200
    assert AuditEvent.objects.filter(action="login", result="second factor: kela mfa").exists()


def test_an_acr_the_provider_lists_counts_too(settings, world, tmp_path):
    with oidc.provider_process() as issuer:
        settings.OIDC_PROVIDERS = (oidc.provider(issuer, tmp_path, mfa_amr=(), mfa_acr=("urn:mfa",)),)
        oidc.kela_user(world)
        client = Client()
        sign_in(client, issuer, "k", **kaisa_claims(amr=["mfa"]))  # not in this provider's list
        assert client.get("/decisions/").status_code == 302
        client = Client()
        sign_in(client, issuer, "k", **kaisa_claims(acr="urn:mfa"))
        assert client.get("/decisions/").status_code == 200


def test_rights_come_from_the_product_never_from_the_provider(kela_idp, world):
    kaisa = oidc.kela_user(world)
    grants_before = list(kaisa.grants.values_list("pk", "role"))
    client = Client()
    sign_in(client, kela_idp, "k", **kaisa_claims(amr=["mfa"], roles=["admin"], is_staff=True))
    kaisa.refresh_from_db()
    assert not kaisa.is_staff
    assert list(kaisa.grants.values_list("pk", "role")) == grants_before


def refused(response, code: str, status: int = 403) -> None:
    assert response.status_code == status, response.content
    assert "Kirjautuminen torjuttiin" in response.text
    assert AuditEvent.objects.filter(action="login_failed", result__endswith=code).exists()


def test_a_person_of_another_organisation_is_refused(kela_idp, world):
    world.editor_a.email = "aino@kaupunki-a.fi"
    world.editor_a.save()
    client = Client()
    response = sign_in(client, kela_idp, "aino", email="aino@kaupunki-a.fi", email_verified=True)
    refused(response, "organisation")
    assert "ei voi kirjata sisään organisaatiosi" in response.text
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username="editor_a").exists()  # django-axes counted it


def test_no_account_and_no_invitation_is_refused_and_nothing_is_made(kela_idp, world):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.count()
    response = sign_in(Client(), kela_idp, "new", email="uusi@kela.fi", email_verified=True)
    refused(response, "no_account")
    assert get_user_model().objects.count() == users


def test_an_open_invitation_is_accepted_by_signing_in(kela_idp, world):
    from organisations import services
    from organisations.models import Grant, Organisation

    kela = Organisation.objects.create(
        kind=Organisation.Kind.KELA, name_fi="Kansaneläkelaitos", business_id=oidc.KELA_ID
    )
    invited = services.invite(
        email="Uusi.Kutsuttu@kela.fi",
        first_name="Uusi",
        last_name="Kutsuttu",
        role=Grant.Role.VIEWER,
        organisation=kela,
        cooperation=world.area.cooperation,
        actor=world.secretary,
    )
    assert not invited.has_usable_password()
    client = Client()
    sign_in(client, kela_idp, "uk", email="uusi.kutsuttu@kela.fi", email_verified=True, amr=["mfa"])
    assert int(client.session["_auth_user_id"]) == invited.pk
    assert client.get("/decisions/").status_code == 200


def test_an_unverified_email_is_refused(kela_idp, world):
    oidc.kela_user(world)
    refused(
        sign_in(Client(), kela_idp, "k", email="kaisa.kela@kela.fi", email_verified=False), "email_unverified"
    )
    refused(sign_in(Client(), kela_idp, "k", email="kaisa.kela@kela.fi"), "email_unverified")


def test_a_national_administrator_is_not_signed_in_by_an_organisation(kela_idp, world):
    kaisa = oidc.kela_user(world)
    kaisa.is_staff = True
    kaisa.save()
    refused(sign_in(Client(), kela_idp, "k", **kaisa_claims(amr=["mfa"])), "administrator")


def test_a_closed_account_is_refused(kela_idp, world):
    kaisa = oidc.kela_user(world)
    kaisa.is_active = False
    kaisa.save()
    refused(sign_in(Client(), kela_idp, "k", **kaisa_claims()), "inactive")


def test_an_unknown_provider_is_not_found(kela_idp, db):
    assert Client().get("/sso/nobody/login/").status_code == 404
    assert Client().get("/sso/nobody/callback/?code=x&state=y").status_code == 404


def test_a_replayed_or_forged_answer_is_refused(kela_idp, world):
    oidc.kela_user(world)
    oidc.set_user(kela_idp, "k", **kaisa_claims())
    client = Client()
    back = oidc.authorize(client.get(reverse("sso-start", args=["kela"]))["Location"], "k")
    assert client.get(oidc.callback_path(back)).status_code == 302
    client.post(reverse("logout"))
    refused(client.get(oidc.callback_path(back)), "state")  # the state was used
    refused(Client().get("/sso/kela/callback/?code=forged&state=forged"), "state")
    refused(Client().get("/sso/kela/callback/?error=access_denied&state=x"), "provider_error")


def _tamper(id_token: str, how: str) -> str:
    header, payload, signature = id_token.split(".")
    if how == "signature":
        flipped = "A" if signature[10] != "A" else "B"
        return ".".join([header, payload, signature[:10] + flipped + signature[11:]])
    if how == "claims":  # someone else's address, the signature left as it was
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        claims["email"] = "kaisa.kela@kela.fi"
        forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
        return ".".join([header, forged, signature])
    unsigned = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
    return ".".join([unsigned, payload, ""])


@pytest.mark.parametrize("how", ["signature", "claims", "none"])
def test_a_tampered_id_token_is_refused(kela_idp, world, monkeypatch, settings, how):
    """The provider's real token, changed on its way to us."""
    oidc.kela_user(world)
    app = clients.client(settings.OIDC_PROVIDERS[0])
    original = app.fetch_access_token

    def fetch(*args, **kwargs):
        token = original(*args, **kwargs)
        token["id_token"] = _tamper(token["id_token"], how)
        return token

    monkeypatch.setattr(app, "fetch_access_token", fetch)
    client = Client()
    response = sign_in(client, kela_idp, "mallory", email="mallory@kela.fi", email_verified=True)
    refused(response, "bad_token")
    assert "_auth_user_id" not in client.session


def test_an_id_token_for_another_client_is_refused(kela_idp, world, monkeypatch):
    """The token's audience is our client id or it is refused (here we expect another client's)."""
    oidc.kela_user(world)
    expected = clients.claims_options

    def another_audience(provider):
        return {**expected(provider), "aud": {"essential": True, "value": "another-client"}}

    monkeypatch.setattr(clients, "claims_options", another_audience)
    refused(sign_in(Client(), kela_idp, "k", **kaisa_claims(amr=["mfa"])), "bad_token")


def test_discovery_naming_another_issuer_is_refused(settings, world, tmp_path):
    with oidc.provider_process() as real, oidc.serve(oidc.impostor(real, issuer_of="real")) as fake:
        settings.OIDC_PROVIDERS = (oidc.provider(fake, tmp_path),)
        response = Client().get(reverse("sso-start", args=["kela"]))
        refused(response, "wrong_issuer")
        assert "väärä myöntäjä" in response.text


def test_an_id_token_from_another_issuer_is_refused(settings, world, tmp_path):
    """The discovery document claims to be the configured issuer, but the token comes from another."""
    oidc.kela_user(world)
    with oidc.provider_process() as real, oidc.serve(oidc.impostor(real, issuer_of="self")) as fake:
        settings.SITE_ROOT = "http://testserver"
        settings.OIDC_PROVIDERS = (oidc.provider(fake, tmp_path),)
        oidc.set_user(real, "k", **kaisa_claims(amr=["mfa"]))
        client = Client()
        start = client.get(reverse("sso-start", args=["kela"]))
        assert start["Location"].startswith(real)  # the real provider's form, as discovered
        response = client.get(oidc.callback_path(oidc.authorize(start["Location"], "k")))
        refused(response, "wrong_issuer")
        assert "_auth_user_id" not in client.session


def test_a_provider_without_an_authorization_endpoint_is_a_clear_page(settings, world, tmp_path):
    drop = ("authorization_endpoint",)
    with (
        oidc.provider_process() as real,
        oidc.serve(oidc.impostor(real, issuer_of="self", drop=drop)) as fake,
    ):
        settings.OIDC_PROVIDERS = (oidc.provider(fake, tmp_path),)
        refused(Client().get(reverse("sso-start", args=["kela"])), "unreachable", status=503)


def test_an_unreachable_provider_is_a_clear_page(settings, world, tmp_path):
    with oidc.provider_process() as gone:
        pass  # started and stopped: nothing answers at its address now
    settings.OIDC_PROVIDERS = (oidc.provider(gone, tmp_path),)
    refused(Client().get(reverse("sso-start", args=["kela"])), "unreachable", status=503)


def test_forged_answers_lock_the_address_out_of_the_provider(kela_idp, world, settings):
    oidc.kela_user(world)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        refused(Client().get("/sso/kela/callback/?code=forged&state=forged"), "state")
    response = sign_in(Client(), kela_idp, "k", **kaisa_claims(amr=["mfa"]))
    refused(response, "locked", status=429)


def test_a_user_locked_out_by_wrong_passwords_is_not_let_in_by_the_provider(kela_idp, world, settings):
    oidc.kela_user(world)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client().post(reverse("login"), {"username": "kaisa", "password": "wrong"})
    refused(sign_in(Client(), kela_idp, "k", **kaisa_claims(amr=["mfa"])), "locked", status=429)


def test_logging_out_ends_the_providers_session_too(kela_idp, world):
    oidc.kela_user(world)
    client = Client()
    sign_in(client, kela_idp, "k", **kaisa_claims(amr=["mfa"]))
    id_token = client.session["sso"]["id_token"]
    # Every page's CSP lets its logout form go on to the provider (Chromium checks form-action on redirects).
    assert f"form-action 'self' {kela_idp}" in client.get("/decisions/")["Content-Security-Policy"]
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{kela_idp}/oauth2/end_session?")
    assert f"id_token_hint={id_token}" in response["Location"]
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2Faccounts%2Flogin%2F" in response["Location"]
    assert client.get("/decisions/").status_code == 302  # the product's session is over
    assert AuditEvent.objects.filter(action="logout").exists()


def test_a_password_login_logs_out_as_before(user):
    client = Client()
    client.post(reverse("login"), {"username": "member", "password": "password"})
    directives = [d.strip() for d in client.get("/decisions/")["Content-Security-Policy"].split(";")]
    assert "form-action 'self'" in directives  # the product's own, whatever the order
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
