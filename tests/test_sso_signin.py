"""Who a provider may sign in (sso/signin.py, #30), without the round trip: the organisation of the
login's person, else every organisation of its grants in force; never several logins for one address;
the multi-factor assertion read from amr or acr."""

import pytest

from organisations import services
from organisations.models import Grant
from sso import signin
from tests import oidc
from tests.factories import UserFactory


@pytest.fixture
def provider(tmp_path, world):
    # May sign in Kaupunki A's people (org_a) only.
    return oidc.provider("https://idp.example.fi", tmp_path, organisations=(world.org_a.business_id,))


def claims(email, **more):
    return {"sub": "x", "email": email, "email_verified": True, **more}


def test_a_login_without_a_person_belongs_to_its_grants_organisations(provider, world):
    user = UserFactory(username="ilman.henkiloa@a.fi", email="ilman.henkiloa@a.fi")
    services.grant(
        user=user, role=Grant.Role.VIEWER, organisation=world.org_a, cooperation=world.area.cooperation
    )
    assert signin.match(provider=provider, claims=claims("Ilman.Henkiloa@A.fi")).user == user
    # A grant for another organisation too: this provider no longer vouches for every one of them.
    services.grant(
        user=user, role=Grant.Role.VIEWER, organisation=world.org_b, cooperation=world.area.cooperation
    )
    with pytest.raises(signin.Refused) as refused:
        signin.match(provider=provider, claims=claims("ilman.henkiloa@a.fi"))
    assert refused.value.reason == "organisation"


def test_a_login_with_no_organisation_at_all_is_refused(provider, world):
    UserFactory(username="orpo", email="orpo@a.fi")
    with pytest.raises(signin.Refused) as refused:
        signin.match(provider=provider, claims=claims("orpo@a.fi"))
    assert refused.value.reason == "organisation"


def test_two_logins_with_one_address_are_never_guessed_between(provider, world):
    world.editor_a.email = "jaettu@a.fi"
    world.editor_a.save()
    UserFactory(username="toinen", email="JAETTU@a.fi")
    with pytest.raises(signin.Refused) as refused:
        signin.match(provider=provider, claims=claims("jaettu@a.fi"))
    assert refused.value.reason == "ambiguous"


def test_the_person_of_an_allowed_organisation_is_matched_by_address(provider, world):
    world.editor_a.email = "aino@a.fi"
    world.editor_a.save()
    found = signin.match(provider=provider, claims=claims("aino@a.fi", amr=["pwd"]))
    assert (found.user, found.multi_factor) == (world.editor_a, False)


@pytest.mark.parametrize(
    ("asserted", "expected"),
    [
        ({"amr": ["pwd", "mfa"]}, True),
        ({"amr": ["hwk"]}, True),
        ({"amr": "otp"}, True),
        ({"amr": ["pwd"]}, False),
        ({"acr": "urn:mfa"}, False),  # this provider names no acr
        ({}, False),
    ],
)
def test_the_multi_factor_assertion(provider, asserted, expected):
    assert signin.asserts_mfa(provider, asserted) is expected


@pytest.mark.parametrize("verified", [False, None, "false", 1])
def test_only_a_verified_address_is_used(verified):
    with pytest.raises(signin.Refused):
        signin.verified_email({"email": "a@b.fi", "email_verified": verified})


def test_a_provider_may_name_the_claim_that_vouches_for_the_address(tmp_path, world):
    """Microsoft Entra ID sends no email_verified; its optional claim xms_edov says the tenant verified
    the address's domain."""
    entra = oidc.provider(
        "https://login.microsoftonline.com/t/v2.0",
        tmp_path,
        organisations=(world.org_a.business_id,),
        email_verified_claim="xms_edov",
    )
    world.editor_a.email = "aino@a.fi"
    world.editor_a.save()
    vouched = {"sub": "x", "email": "aino@a.fi", "xms_edov": True}
    assert signin.match(provider=entra, claims=vouched).user == world.editor_a
    with pytest.raises(signin.Refused):  # email_verified is not the claim this provider vouches with
        signin.match(provider=entra, claims={"sub": "x", "email": "aino@a.fi", "email_verified": True})
