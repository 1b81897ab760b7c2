"""One-time form tokens ({% once %}, core.middleware.OnceMiddleware), issued by the server only (#31
item 1): a random part and its HMAC under SECRET_KEY, so a client cannot make up a token of its own.
Only the random part is stored (core.models.SubmittedForm)."""

from __future__ import annotations

import secrets

from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "core.once"
NONCE_LENGTH = 32  # hex digits, SubmittedForm.token's length


def _signature(nonce: str) -> str:
    return salted_hmac(SALT, nonce, algorithm="sha256").hexdigest()[:32]


def issue() -> str:
    """A new token for one form: 64 hex digits."""
    nonce = secrets.token_hex(NONCE_LENGTH // 2)
    return nonce + _signature(nonce)


def nonce_of(token: str) -> str | None:
    """The stored part of TOKEN when the server issued it, else None (a made-up or altered token)."""
    if len(token) != NONCE_LENGTH + 32 or not all(c in "0123456789abcdef" for c in token):
        return None
    nonce, signature = token[:NONCE_LENGTH], token[NONCE_LENGTH:]
    return nonce if constant_time_compare(signature, _signature(nonce)) else None
