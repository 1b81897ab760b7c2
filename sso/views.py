"""The single sign-on round trip (#30): the login page's link goes to start(), which sends the browser
to the organisation's provider; the provider sends it back to callback(), which checks the answer
(sso.clients), finds the login (sso.signin) and logs it in. Logging out ends the product's session
and, where the provider has an end-session endpoint, sends the browser there to end the provider's.

Every refusal is a page that says why, in the user's language (sso.signin.REASONS), and a failed
login in the use log. django-axes counts it: a refusal of a known person under their user name (with
the address), an answer that fails the protocol's checks under `oidc:<provider>` (with the address), so
an address sending forged or replayed answers is locked out of that provider for AXES_COOLOFF_MINUTES,
and a user name locked out by wrong passwords is not let in through a provider either."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import django_otp
import requests
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from joserfc.errors import ClaimError
from joserfc.errors import JoseError as JoseRfcError

from auditlog import audit
from sso import clients, signin
from sso.providers import Provider

log = logging.getLogger(__name__)

SESSION_KEY = "sso"  # {"provider", "id_token", "logout_origin"}: for the provider's logout
NEXT_KEY = "sso_next"
STATUS = {"locked": 429, "unreachable": 503}


def providers() -> tuple[Provider, ...]:
    return tuple(getattr(settings, "OIDC_PROVIDERS", ()))


def _provider(key: str) -> Provider:
    for provider in providers():
        if provider.key == key:
            return provider
    raise Http404


def _callback_url(provider: Provider) -> str:
    """The redirect URI registered at the provider: SITE_ROOT/sso/<key>/callback/."""
    return settings.SITE_ROOT.rstrip("/") + reverse("sso-callback", args=[provider.key])


def _safe_next(request: HttpRequest, target: str) -> str:
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _refuse(request: HttpRequest, provider: Provider, refused: signin.Refused) -> HttpResponse:
    """The page that says why, a failed login in the use log, and one more failure for django-axes."""
    username = refused.username or f"oidc:{provider.key}"
    audit.record(
        "login_failed",
        request.path,
        username=username,
        result=f"sso {provider.key}: {refused.reason}",
        ip=audit.client_address(request),
    )
    if refused.reason != "locked":
        AxesProxyHandler.user_login_failed(
            sender=__name__, credentials={"username": username}, request=request
        )
        # The failure that reaches the limit still gets this page, not AxesMiddleware's; the next
        # attempt finds the lock-out and gets the "locked" page (429).
        request.axes_locked_out = False  # type: ignore[attr-defined]
    context = {"provider": provider.name(get_language()), "reason": signin.REASONS[refused.reason]}
    return render(request, "sso/refused.html", context, status=STATUS.get(refused.reason, 403))


@require_GET
def start(request: HttpRequest, key: str) -> HttpResponseBase:
    """The login page's link: to the provider's authorization endpoint, with state, nonce and PKCE. A
    link, not a form: starting a sign-in changes nothing, and the provider decides who comes back."""
    provider = _provider(key)
    try:
        clients.metadata(provider)
    except clients.WrongIssuer:
        return _refuse(request, provider, signin.Refused("wrong_issuer"))
    except (requests.RequestException, ValueError):
        log.warning("sso %s: discovery failed", provider.key, exc_info=True)
        return _refuse(request, provider, signin.Refused("unreachable"))
    request.session[NEXT_KEY] = _safe_next(request, request.GET.get("next", ""))
    language = (get_language() or "fi")[:2]
    try:
        response: HttpResponseBase = clients.client(provider).authorize_redirect(
            request, _callback_url(provider), ui_locales=language
        )
    except RuntimeError:  # Authlib: the discovery document names no authorization endpoint
        log.warning("sso %s: no authorization endpoint", provider.key, exc_info=True)
        return _refuse(request, provider, signin.Refused("unreachable"))
    return response


def _claims(request: HttpRequest, provider: Provider) -> dict[str, Any]:
    """The verified ID token's claims, or Refused with why."""
    try:
        clients.metadata(provider)
        token = clients.client(provider).authorize_access_token(
            request, claims_options=clients.claims_options(provider), leeway=clients.LEEWAY_SECONDS
        )
    except clients.WrongIssuer:
        raise signin.Refused("wrong_issuer") from None
    except MismatchingStateError:
        raise signin.Refused("state") from None
    except OAuthError as error:
        log.info("sso %s: the provider answered %s", provider.key, error)
        raise signin.Refused("provider_error") from None
    except ClaimError as error:
        log.info("sso %s: ID token refused: %s", provider.key, error)
        raise signin.Refused("wrong_issuer" if error.claim == "iss" else "bad_token") from None
    except (JoseRfcError, ValueError, KeyError, TypeError, RuntimeError) as error:
        log.info("sso %s: ID token refused: %r", provider.key, error)
        raise signin.Refused("bad_token") from None
    except requests.RequestException:
        log.warning("sso %s: the provider could not be reached", provider.key, exc_info=True)
        raise signin.Refused("unreachable") from None
    claims = token.get("userinfo")
    if not claims or not isinstance(token.get("id_token"), str):
        raise signin.Refused("bad_token")  # no ID token, or it was not checked against our nonce
    end_session = urlsplit(str(clients.metadata(provider).get("end_session_endpoint") or ""))
    request.session[SESSION_KEY] = {
        "provider": provider.key,
        "id_token": token["id_token"],
        "logout_origin": f"{end_session.scheme}://{end_session.netloc}" if end_session.netloc else "",
    }
    return dict(claims)


@require_GET
def callback(request: HttpRequest, key: str) -> HttpResponseBase:
    """The provider's answer: check it, find the login, log it in."""
    provider = _provider(key)
    try:
        if not AxesProxyHandler.is_allowed(request, {"username": f"oidc:{provider.key}"}):
            raise signin.Refused("locked", f"oidc:{provider.key}")
        found = signin.match(provider=provider, claims=_claims(request, provider))
        if not AxesProxyHandler.is_allowed(request, {"username": found.user.get_username()}):
            raise signin.Refused("locked", found.user.get_username())
    except signin.Refused as refused:
        request.session.pop(SESSION_KEY, None)
        return _refuse(request, provider, refused)
    kept = {k: request.session.get(k) for k in (SESSION_KEY, NEXT_KEY)}
    auth_login(request, found.user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SESSION_KEY] = kept[SESSION_KEY]  # a login as another user starts a new session
    if found.multi_factor:
        django_otp.login(request, signin.provider_device(user=found.user, provider=provider))
        audit.record(
            "login",
            request.path,
            user=found.user,
            result=f"second factor: {provider.key} mfa",
            ip=audit.client_address(request),
        )
    return redirect(_safe_next(request, kept[NEXT_KEY] or ""))


class LogoutView(auth_views.LogoutView):
    """Django's logout (POST only); after a provider's sign-in, on to the provider's end-session
    endpoint, which returns the browser to the login page."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        signed_in = request.session.get(SESSION_KEY) or {}
        response = super().post(request, *args, **kwargs)
        provider = next((p for p in providers() if p.key == signed_in.get("provider")), None)
        if provider is None or not signed_in.get("id_token"):
            return response
        after = settings.SITE_ROOT.rstrip("/") + reverse("login")
        url = clients.logout_url(provider, id_token=signed_in["id_token"], after=after)
        # The page's CSP lets the form go there (sso.middleware.ProviderLogoutMiddleware).
        return redirect(url) if url else response
