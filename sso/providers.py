"""The organisations' OpenID Connect providers (#30), read once at start from the JSON file named by the
environment variable OIDC_PROVIDERS_FILE (README, "Single sign-on"). Without the variable there are none
and the login page offers only the password.

A file that cannot be used stops the start with ImproperlyConfigured naming the provider and the field:
bad JSON, a missing field, an issuer that is not https, an invalid business ID, or a client secret file
that is missing or empty. A provider is never skipped with only a line in the log: its organisation's
people would find their button gone and nobody would be told, and people invited without a password
(who sign in only through their organisation) would be locked out. A deployment that fails at once on
the operator's typo is found and fixed by the operator; the secret is read at start, so a rotated
secret takes a restart anyway."""

from __future__ import annotations

import ipaddress
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from organisations import business_id

KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
LANGUAGES = ("fi", "sv", "en")
# RFC 8176 method references that mean more than one factor was used.
DEFAULT_MFA_AMR = ("mfa", "otp", "hwk")
FIELDS = (
    "key",
    "name",
    "issuer",
    "client_id",
    "client_secret_file",
    "organisations",
    "scopes",
    "mfa_amr",
    "mfa_acr",
    "email_verified_claim",
)


class ProviderConfigError(ImproperlyConfigured):
    """The providers' file cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Provider:
    key: str  # in the addresses: /sso/<key>/login/ and /sso/<key>/callback/
    names: tuple[tuple[str, str], ...]  # (language, name shown on the button)
    issuer: str
    client_id: str
    client_secret: str
    organisations: tuple[str, ...]  # business IDs, canonical (1234567-8)
    scopes: tuple[str, ...] = ("openid", "email", "profile")
    mfa_amr: tuple[str, ...] = DEFAULT_MFA_AMR
    mfa_acr: tuple[str, ...] = ()
    # The claim that vouches for `email`: email_verified, or e.g. Microsoft Entra ID's optional claim
    # xms_edov (the address's domain is verified by the tenant), which Entra sends instead.
    email_verified_claim: str = "email_verified"

    def __repr__(self) -> str:  # never the secret, in a traceback or a log
        return f"Provider({self.key!r}, issuer={self.issuer!r})"

    def name(self, language: str | None) -> str:
        named = dict(self.names)
        return named.get(language or "fi") or named.get("fi") or next(iter(named.values()))

    @property
    def discovery_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


def load(path: str | Path | None) -> tuple[Provider, ...]:
    """The providers of the file at PATH; none when PATH is empty."""
    if not path:
        return ()
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProviderConfigError(f"OIDC_PROVIDERS_FILE: {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ProviderConfigError(f"OIDC_PROVIDERS_FILE: {path} cannot be read: {error}") from None
    except json.JSONDecodeError as error:
        raise ProviderConfigError(f"OIDC_PROVIDERS_FILE: {path} is not valid JSON: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("providers"), list):
        raise ProviderConfigError(f'OIDC_PROVIDERS_FILE: {path} must be an object {{"providers": [...]}}')
    found: list[Provider] = []
    for index, entry in enumerate(data["providers"]):
        provider = _provider(entry, where=f"{path}: providers[{index}]", folder=path.parent)
        if any(p.key == provider.key for p in found):
            raise ProviderConfigError(f"{path}: the key {provider.key!r} is used twice")
        found.append(provider)
    return tuple(found)


def _provider(entry: Any, *, where: str, folder: Path) -> Provider:
    if not isinstance(entry, dict):
        raise ProviderConfigError(f"{where} must be an object")
    key = _text(entry, "key", where)
    if not KEY.match(key):
        raise ProviderConfigError(f"{where}: key {key!r} must be 1-40 of a-z, 0-9 and -")
    where = f"{where} ({key})"
    unknown = set(entry) - set(FIELDS)
    if unknown:
        raise ProviderConfigError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    return Provider(
        key=key,
        names=_names(entry.get("name"), where),
        issuer=_issuer(_text(entry, "issuer", where), where),
        client_id=_text(entry, "client_id", where),
        client_secret=_secret(_text(entry, "client_secret_file", where), where, folder),
        organisations=_organisations(entry.get("organisations"), where),
        scopes=_words(entry, "scopes", where, ("openid", "email", "profile")),
        mfa_amr=_words(entry, "mfa_amr", where, DEFAULT_MFA_AMR),
        mfa_acr=_words(entry, "mfa_acr", where, ()),
        email_verified_claim=_text(entry, "email_verified_claim", where)
        if "email_verified_claim" in entry
        else "email_verified",
    )


def _text(entry: dict[str, Any], field: str, where: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ProviderConfigError(f"{where}: {field} is missing or not a text")
    return value.strip()


def _names(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if isinstance(value, str) and value.strip():
        return tuple((language, value.strip()) for language in LANGUAGES)
    if isinstance(value, dict) and isinstance(value.get("fi"), str) and value["fi"].strip():
        if not all(k in LANGUAGES and isinstance(v, str) for k, v in value.items()):
            raise ProviderConfigError(f"{where}: name may have only the languages {', '.join(LANGUAGES)}")
        return tuple((k, (value.get(k) or value["fi"]).strip()) for k in LANGUAGES)
    raise ProviderConfigError(f'{where}: name must be a text or {{"fi": ..., "sv": ..., "en": ...}}')


def _issuer(value: str, where: str) -> str:
    parts = urlsplit(value)
    loopback = parts.hostname == "localhost" or _is_loopback(parts.hostname or "")
    if parts.query or parts.fragment or not parts.hostname:
        raise ProviderConfigError(f"{where}: issuer {value!r} is not an address")
    if parts.scheme != "https" and not (parts.scheme == "http" and loopback):
        raise ProviderConfigError(f"{where}: issuer {value!r} must be https (http only on this machine)")
    return value


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _secret(value: str, where: str, folder: Path) -> str:
    path = Path(value) if Path(value).is_absolute() else folder / value
    try:
        secret = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise ProviderConfigError(f"{where}: the client secret file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ProviderConfigError(f"{where}: the client secret file {path} cannot be read: {error}") from None
    if not secret:
        raise ProviderConfigError(f"{where}: the client secret file {path} is empty")
    return secret


def _organisations(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ProviderConfigError(f"{where}: organisations must be a list of business IDs")
    bad = [v for v in value if not business_id.is_valid(v.strip())]
    if bad:
        raise ProviderConfigError(f"{where}: not business IDs: {', '.join(bad)}")
    return tuple(sorted({business_id.normalise(v.strip()) for v in value}))


def _words(entry: dict[str, Any], field: str, where: str, default: tuple[str, ...]) -> tuple[str, ...]:
    if field not in entry:
        return default
    value = entry[field]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ProviderConfigError(f"{where}: {field} must be a list of texts")
    words = tuple(v.strip() for v in value)
    if field == "scopes" and "openid" not in words:
        raise ProviderConfigError(f"{where}: scopes must include openid")
    return words
