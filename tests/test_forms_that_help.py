"""Forms that help and pages of one's own (#29 items 4 and 7): a destructive step asks on a page of
its own before it acts, the least right is the default, the account page, the portal's own password
pages, the second factor's own field name and a QR code an <img> can draw."""

import base64

import pytest
from django.urls import reverse

from organisations import services
from organisations.models import Grant
from tests.conftest import client_for
from tests.factories import UserFactory


@pytest.fixture
def viewer_grant(world):
    user = UserFactory(username="lukija", first_name="Liisa", last_name="Lukija")
    return services.grant(
        user=user, role=Grant.Role.VIEWER, organisation=world.org_a, cooperation=world.area.cooperation
    )


def test_withdrawing_a_right_asks_first_and_the_page_changes_nothing(world, viewer_grant, as_secretary):
    code = world.area.cooperation.code
    people = as_secretary.get(reverse("people-and-rights", args=[code])).text
    url = reverse("people-withdraw", args=[code, viewer_grant.pk])
    assert f'href="{url}"' in people  # a link to the question, not a button that acts at once
    assert f'action="{url}"' not in people
    question = as_secretary.get(url)
    assert question.status_code == 200
    assert '<form method="post"' in question.text  # the step posts to itself
    assert "Peru oikeus" in question.text
    viewer_grant.refresh_from_db()
    assert viewer_grant.withdrawn_at is None
    assert as_secretary.post(url).status_code == 302
    viewer_grant.refresh_from_db()
    assert viewer_grant.withdrawn_at is not None


def test_closing_a_login_asks_first(world, viewer_grant, as_secretary):
    url = reverse("people-deactivate", args=[world.area.cooperation.code, viewer_grant.user.pk])
    assert as_secretary.get(url).status_code == 200
    viewer_grant.user.refresh_from_db()
    assert viewer_grant.user.is_active
    assert as_secretary.post(url).status_code == 302
    viewer_grant.user.refresh_from_db()
    assert not viewer_grant.user.is_active


def test_a_new_users_role_defaults_to_the_least_right(world, as_secretary):
    page = as_secretary.get(reverse("people-and-rights", args=[world.area.cooperation.code])).text
    assert '<option value="viewer" selected>' in page
    assert '<option value="editor" selected>' not in page


def test_the_name_in_the_header_opens_the_users_own_account_page(world, viewer_grant):
    client = client_for(viewer_grant.user)
    page = client.get(reverse("account"))
    assert page.status_code == 200
    assert 'class="whoami" href="/accounts/me/"' in page.text
    assert world.org_a.name_fi in page.text  # the right held
    assert reverse("password_change") in page.text
    assert client.get(reverse("password_change")).status_code == 200


def test_the_login_page_offers_a_new_password_on_the_portals_own_pages(client, world):
    login = client.get(reverse("login")).text
    assert reverse("password_reset") in login
    for name in ("password_reset", "password_reset_done"):
        page = client.get(reverse(name))
        assert page.status_code == 200
        assert 'class="skip-link"' in page.text  # the portal's base, not the admin's
        assert "admin" not in page.text.split("<body", 1)[1].split("</header>")[0]


def test_the_second_factor_field_has_its_own_name_and_its_qr_code_is_a_standalone_svg(world):
    from organisations.second_factor import CodeForm, _qr_data_uri

    assert str(CodeForm().fields["code"].label) == "Vahvistuskoodi"
    svg = base64.b64decode(_qr_data_uri("otpauth://totp/x?secret=ABC").split(",", 1)[1])
    assert svg.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')
