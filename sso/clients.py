"""One Authlib OpenID Connect client per provider (#30), made on first use and kept for the process.

Authlib's Django client does the protocol: discovery from the issuer's /.well-known/openid-configuration,
the authorization request with state, nonce and PKCE (S256) kept in the session, the code exchange, and
the ID token's checks: its signature against the provider's JWKS (fetched again on an unknown key id),
`iss` equal to the configured issuer, `aud` holding our client id, `exp`/`iat`, the nonce and `at_hash`.
Here it is told the claims to insist on, and the discovered issuer is compared with the configured one
(OpenID Connect Discovery 1.0 § 4.3: they must be identical, or another provider is answering)."""

from __future__ import annotations

import threading
from typing import Any

from authlib.integrations.django_client import OAuth

from sso.providers import Provider

TIMEOUT_SECONDS = 10
LEEWAY_SECONDS = 60

_lock = threading.Lock()
_clients: dict[Provider, Any] = {}


class WrongIssuer(Exception):
    """The provider's discovery document names another issuer than the one configured."""


def client(provider: Provider) -> Any:
    with _lock:
        if provider not in _clients:
            oauth = OAuth()
            oauth.register(
                name=f"sso-{provider.key}",
                client_id=provider.client_id,
                client_secret=provider.client_secret,
                server_metadata_url=provider.discovery_url,
                client_kwargs={
                    "scope": " ".join(provider.scopes),
                    "code_challenge_method": "S256",
                    "default_timeout": TIMEOUT_SECONDS,
                },
            )
            _clients[provider] = oauth.create_client(f"sso-{provider.key}")
        return _clients[provider]


def metadata(provider: Provider) -> dict[str, Any]:
    """The provider's discovery document (fetched once a process); WrongIssuer when it names another
    issuer. A provider that cannot be reached raises requests' exception, and is asked again next time."""
    found: dict[str, Any] = client(provider).load_server_metadata()
    if found.get("issuer") != provider.issuer:
        raise WrongIssuer(found.get("issuer"))
    return found


def claims_options(provider: Provider) -> dict[str, Any]:
    """What the ID token must say, beyond its signature: who issued it and for whom."""
    return {
        "iss": {"essential": True, "value": provider.issuer},
        "aud": {"essential": True, "value": provider.client_id},
        "sub": {"essential": True},
    }


def logout_url(provider: Provider, *, id_token: str, after: str) -> str | None:
    """The provider's end-session address (RP-Initiated Logout 1.0), or None when it has none."""
    try:
        found = metadata(provider)
    except Exception:  # the product's logout never fails on the provider: it just ends here
        return None
    if not found.get("end_session_endpoint"):
        return None
    result = client(provider).create_logout_url(
        post_logout_redirect_uri=after, id_token_hint=id_token, client_id=provider.client_id
    )
    return str(result["url"])


def forget() -> None:
    """Drop the clients and their discovered metadata (tests that start a new provider)."""
    with _lock:
        _clients.clear()
