"""The providers' file (OIDC_PROVIDERS_FILE, sso/providers.py, #30): read at start, and a file that cannot
be used stops the start with a message naming the provider and the field (never a provider skipped with
only a log line)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sso.providers import Provider, ProviderConfigError, load

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, providers, *, key: str | None = "s3cret\n") -> Path:
    if key is not None:
        (tmp_path / "kela.secret").write_text(key)
    path = tmp_path / "providers.json"
    path.write_text(providers if isinstance(providers, str) else json.dumps({"providers": providers}))
    return path


def kela(**changes):
    entry = {
        "key": "kela",
        "name": {"fi": "Kela", "sv": "FPA"},
        "issuer": "https://login.microsoftonline.com/0000/v2.0",
        "client_id": "tym-governance",
        "client_secret_file": "kela.secret",
        "organisations": ["0246246-0"],
    }
    entry.update(changes)
    return {k: v for k, v in entry.items() if v is not None}


def test_no_file_no_providers():
    assert load("") == ()
    assert load(None) == ()


def test_a_provider_is_read_with_its_secret_and_defaults(tmp_path):
    [provider] = load(write(tmp_path, [kela(organisations=["0246246-0", " 0246246-0 "])]))
    assert provider.key == "kela"
    assert provider.client_secret == "s3cret"  # the file's newline is not part of it
    assert provider.organisations == ("0246246-0",)
    assert provider.name("sv") == "FPA"
    assert provider.name("en") == "Kela"  # no English name: the Finnish one
    assert provider.scopes == ("openid", "email", "profile")
    assert provider.mfa_amr == ("mfa", "otp", "hwk")
    assert (
        provider.discovery_url
        == "https://login.microsoftonline.com/0000/v2.0/.well-known/openid-configuration"
    )
    assert provider.email_verified_claim == "email_verified"
    assert "s3cret" not in repr(provider)
    [entra] = load(write(tmp_path, [kela(email_verified_claim="xms_edov")]))
    assert entra.email_verified_claim == "xms_edov"


def test_several_providers_at_once(tmp_path):
    (tmp_path / "county.secret").write_text("other")
    providers = load(
        write(
            tmp_path,
            [
                kela(),
                kela(
                    key="county",
                    name="Hyvinvointialue",
                    client_secret_file=str(tmp_path / "county.secret"),
                    organisations=["3221318-2"],
                    mfa_acr=["http://schemas.openid.net/pape/policies/2007/06/multi-factor"],
                ),
            ],
        )
    )
    assert [p.key for p in providers] == ["kela", "county"]
    assert providers[1].client_secret == "other"
    assert providers[1].mfa_acr == ("http://schemas.openid.net/pape/policies/2007/06/multi-factor",)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ("[]", 'must be an object {"providers": [...]}'),
        ([kela(key="Kela!")], "key 'Kela!' must be"),
        ([kela(issuer="http://idp.example.fi")], "must be https"),
        ([kela(issuer=None)], "(kela): issuer is missing"),
        ([kela(client_id="")], "(kela): client_id is missing"),
        ([kela(organisations=[])], "(kela): organisations must be a list"),
        ([kela(organisations=["0246246-1"])], "(kela): not business IDs: 0246246-1"),
        ([kela(name=None)], "(kela): name must be"),
        ([kela(scopes=["email"])], "(kela): scopes must include openid"),
        ([kela(colour="blue")], "(kela): unknown field(s) colour"),
        ([kela(), kela()], "the key 'kela' is used twice"),
    ],
)
def test_a_bad_file_is_a_clear_error(tmp_path, content, message):
    with pytest.raises(ProviderConfigError) as error:
        load(write(tmp_path, content))
    assert message in str(error.value)


def test_a_missing_or_empty_secret_file_is_a_clear_error(tmp_path):
    path = write(tmp_path, [kela()], key=None)
    with pytest.raises(
        ProviderConfigError, match=r"\(kela\): the client secret file .*kela.secret does not exist"
    ):
        load(path)
    write(tmp_path, [kela()], key="\n")
    with pytest.raises(ProviderConfigError, match=r"\(kela\): the client secret file .*kela.secret is empty"):
        load(path)


def test_a_missing_providers_file_is_a_clear_error(tmp_path):
    with pytest.raises(ProviderConfigError, match="does not exist"):
        load(tmp_path / "nowhere.json")


def test_http_is_allowed_only_on_this_machine(tmp_path):
    [provider] = load(write(tmp_path, [kela(issuer="http://127.0.0.1:9400")]))
    assert isinstance(provider, Provider)
    [provider] = load(write(tmp_path, [kela(issuer="http://localhost:9400")]))
    assert provider.issuer == "http://localhost:9400"


def _start(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "true", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_product_does_not_start_with_a_bad_file(tmp_path):
    path = write(tmp_path, [kela()], key=None)
    started = _start({"OIDC_PROVIDERS_FILE": str(path)})
    assert started.returncode != 0
    assert "the client secret file" in started.stderr
    assert "(kela)" in started.stderr


def test_the_product_starts_with_a_good_file(tmp_path):
    started = _start({"OIDC_PROVIDERS_FILE": str(write(tmp_path, [kela()]))})
    assert started.returncode == 0, started.stderr
