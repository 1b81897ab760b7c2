"""Single sign-on in Chromium and in Finnish (#30 item 2), against a real provider process
(oidc-provider-mock, tests/oidc.py): a Kela employee signs in through Kela's provider, with the provider's
multi-factor assertion as the second factor, and logs out of both; a person of an organisation the
provider may not sign in gets a page that says why; so does a provider whose token names another issuer.
The pages pass axe."""

import re

import pytest

from tests import oidc
from tests.browser import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def kela_idp(settings, live_server, tmp_path):
    with oidc.provider_process() as issuer:
        settings.SITE_ROOT = live_server.url
        settings.OIDC_PROVIDERS = (oidc.provider(issuer, tmp_path),)
        yield issuer


def through_provider(page, sub: str):
    """The login page's Kela button, then the provider's own form, as the person fills it in."""
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Kirjaudu organisaation tunnuksilla: Kela").click()
    page.locator("input[name=sub]").first.fill(sub)
    page.get_by_role("button", name="Authorize").click()


def test_a_kela_user_signs_in_through_kelas_provider_and_out_of_both(page, world, kela_idp, live_server):
    oidc.kela_user(world)
    oidc.set_user(kela_idp, "kaisa-k", email="kaisa.kela@kela.fi", email_verified=True, amr=["pwd", "mfa"])
    page.goto("/accounts/login/")
    assert page.get_by_role("heading", name="Kirjaudu organisaation tunnuksilla").is_visible()
    assert_accessible(page)
    through_provider(page, "kaisa-k")
    page.wait_for_url(f"{live_server.url}/")
    # Signed in, past the second factor: the provider asserted multi-factor authentication.
    assert page.locator(".whoami").inner_text() == "Kaisa Kelalainen"
    page.get_by_role("link", name="Päätökset").first.click()
    page.wait_for_url("**/decisions/")
    page.get_by_role("button", name="Kirjaudu ulos").click()
    page.wait_for_url(re.compile(re.escape(kela_idp) + r"/oauth2/end_session\?"))
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/**")
    page.goto("/decisions/")
    assert "/accounts/login/" in page.url  # the product's session is over


def test_a_person_of_another_organisation_is_refused_with_a_clear_page(page, world, kela_idp):
    world.editor_a.email = "aino.editori@kaupunki-a.fi"
    world.editor_a.save()
    oidc.set_user(kela_idp, "aino", email="aino.editori@kaupunki-a.fi", email_verified=True, amr=["mfa"])
    through_provider(page, "aino")
    page.get_by_role("heading", name="Kirjautuminen torjuttiin").wait_for()
    assert "ei voi kirjata sisään organisaatiosi henkilöitä" in page.locator("main").inner_text()
    assert page.locator(".whoami").count() == 0
    assert_accessible(page)


def test_a_token_from_another_issuer_is_refused_with_a_clear_page(
    page, world, settings, live_server, tmp_path
):
    oidc.kela_user(world)
    with oidc.provider_process() as real, oidc.serve(oidc.impostor(real, issuer_of="self")) as fake:
        settings.SITE_ROOT = live_server.url
        settings.OIDC_PROVIDERS = (oidc.provider(fake, tmp_path),)
        oidc.set_user(real, "kaisa-k", email="kaisa.kela@kela.fi", email_verified=True, amr=["mfa"])
        through_provider(page, "kaisa-k")
        page.get_by_role("heading", name="Kirjautuminen torjuttiin").wait_for()
        assert "väärä myöntäjä" in page.locator("main").inner_text()
        assert page.locator(".whoami").count() == 0
