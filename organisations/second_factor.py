"""The second factor (TOTP, django-otp) for those who manage others' rights and records (#14): the
national administrators, the board secretaries and anyone who may enter the admin site. After the
password they give a code from an authenticator app, or one of their single-use recovery codes. Each
user sets it up, and renews the recovery codes, from their own page (/second-factor/)."""

from __future__ import annotations

import base64

import django_otp
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from auditlog import audit
from organisations.access import manages_people

RECOVERY_CODES = 10
# Where a user who still owes the second factor may go: the page itself, logging out, static files,
# the language switch.
EXEMPT_PREFIXES = ("/second-factor/", "/accounts/logout/", "/static/", "/i18n/", "/healthz/")


def needs_second_factor(user) -> bool:  # type: ignore[no-untyped-def]
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_staff or user.is_superuser or manages_people(user)


class SecondFactorMiddleware:
    """After OTPMiddleware: a user who needs the second factor and has not given it this session is
    sent to give it (or set it up) before any other page, the admin site included."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and not _verified(user)
            and needs_second_factor(user)
        ):
            return redirect(f"{reverse('second-factor')}?next={request.get_full_path()}")
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=gettext_lazy("The six digits your authenticator app shows, or one of your recovery codes."),
    )


def _confirmed(user) -> TOTPDevice | None:  # type: ignore[no-untyped-def]
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _pending(user) -> TOTPDevice:  # type: ignore[no-untyped-def]
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def _qr_data_uri(url: str) -> str:
    import segno

    svg = segno.make(url, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@transaction.atomic
def _new_recovery_codes(user) -> list[str]:  # type: ignore[no-untyped-def]
    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    for code in codes:
        device.token_set.create(token=code)
    return codes


def _verified(user) -> bool:  # type: ignore[no-untyped-def]
    """OTPMiddleware's user.is_verified(): this session has given the second factor."""
    return bool(getattr(user, "is_verified", lambda: False)())


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return "/"
    return target


@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    user = request.user
    device = _confirmed(user)
    form = CodeForm(request.POST or None)
    context: dict = {"form": form, "next": _next(request), "required": needs_second_factor(user)}
    if device is None:  # set up: scan the code, then prove it works with one code
        pending = _pending(user)
        context.update(
            setting_up=True,
            qr=_qr_data_uri(pending.config_url),
            secret=base64.b32encode(pending.bin_key).decode(),
        )
        if request.method == "POST" and form.is_valid():
            if pending.verify_token(form.cleaned_data["code"].strip()):
                pending.confirmed = True
                pending.save()
                django_otp.login(request, pending)
                audit.record("login", "/second-factor/", user=user, result="second factor set up")
                codes = _new_recovery_codes(user)
                shown = {"codes": codes, "next": context["next"]}
                return render(request, "organisations/recovery_codes.html", shown)
            form.add_error("code", _("The code did not match. Check the time on your phone and try again."))
        status = 400 if form.errors else 200
        return render(request, "organisations/second_factor.html", context, status=status)
    if _verified(user):
        context["verified"] = True
        return render(request, "organisations/second_factor.html", context)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip().replace(" ", "")
        recovery = StaticDevice.objects.filter(user=user, name="recovery").first()
        # Six digits are the app's code; anything else is tried as a recovery code. So a mistyped
        # recovery code never throttles the authenticator, nor the other way round.
        candidate = device if code.isdigit() and len(code) == device.digits else recovery
        if candidate is not None and candidate.verify_token(code):
            django_otp.login(request, candidate)
            used = "recovery code" if candidate is recovery else "authenticator"
            audit.record("login", "/second-factor/", user=user, result=f"second factor: {used}")
            return redirect(context["next"])
        audit.record("login_failed", "/second-factor/", user=user, result="second factor refused")
        form.add_error("code", _("The code did not match."))
    return render(request, "organisations/second_factor.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["POST"])
def renew_recovery_codes(request: HttpRequest) -> HttpResponse:
    if not _verified(request.user):
        messages.error(request, _("Give your code first."))
        return redirect("second-factor")
    codes = _new_recovery_codes(request.user)
    return render(request, "organisations/recovery_codes.html", {"codes": codes, "next": "/"})
