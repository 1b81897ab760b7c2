"""How an API caller is known and what a token lets it do. `Authorization: Bearer tym_…` finds the
token by its digest; the request then runs as the token's user, with that user's rights read afresh
(organisations.access.rights_of), so a withdrawn grant or an ended participation counts at once. A
browser signed in to the portal may use the API too, with Django's CSRF check on writes."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions, permissions

from api.models import PREFIX, ApiToken, digest
from auditlog import audit

# A token lives at most this long; the user makes a new one before it ends.
MAX_VALIDITY_DAYS = 366


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give one token after the word Bearer."))
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from error
        if not key.startswith(PREFIX) or len(key) > 100:
            raise exceptions.AuthenticationFailed(_("The token is not valid."))
        token = ApiToken.objects.usable().select_related("user").filter(key_digest=digest(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("The token is not valid, has expired or was revoked."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=5):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # at most one write in 5 min
        return token.user, token

    def authenticate_header(self, request) -> str:
        return self.keyword


class TokenScopes(permissions.BasePermission):
    """Reads are open to everyone (each list shows only what the caller may see); a write needs a
    signed-in caller and, through a token, the write scope."""

    message = _("This token may only read. Make a token with the write scope.")

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        if not (request.user and request.user.is_authenticated):
            raise exceptions.NotAuthenticated()
        token = request.auth
        return not isinstance(token, ApiToken) or token.may_write


class SignedIn(permissions.BasePermission):
    """Lists of a cooperation's records: only for a signed-in caller (anonymous callers get 401)."""

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            raise exceptions.NotAuthenticated()
        return True


@transaction.atomic
def issue_token(*, user, name: str, scopes: str, expires_on: datetime.date) -> tuple[ApiToken, str]:
    """A new token for USER and its key, which is never stored and cannot be shown again."""
    today = timezone.localdate()
    if not today < expires_on <= today + datetime.timedelta(days=MAX_VALIDITY_DAYS):
        raise ValidationError(
            {"expires_on": _("A token is valid for at most %(days)s days.") % {"days": MAX_VALIDITY_DAYS}}
        )
    key = ApiToken.new_key()
    token = ApiToken(
        user=user, name=name, scopes=scopes, expires_on=expires_on, key_digest=digest(key), hint=key[:10]
    )
    token.full_clean()
    token.save()
    audit.record("grant", f"API token {token.pk} ({scopes})", user=user)
    return token, key


@transaction.atomic
def revoke_token(*, token: ApiToken, actor) -> None:
    if token.revoked_at is None:
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
        audit.record("withdraw", f"API token {token.pk}", user=actor)
