"""The second factor (TOTP, django-otp) for every account that can read non-public data (#14, #31 item
8; ASVS L2): anyone holding a right (viewer, editor, secretary), the national administrators and anyone
who may enter the admin site. After the password they give a code from an authenticator app, or one of
their single-use recovery codes. An account without rights sees only public pages and is not asked.

Setting the authenticator up is bound to the account's e-mail (#31 item 8): the password alone (say,
guessed or leaked before the first login) cannot enrol an authenticator. /second-factor/ sends a
one-time link to the account's address; the link, opened in the session, lets it scan the code. The
link dies once an authenticator is set up or the password changes, and after PASSWORD_RESET_TIMEOUT.
Each user renews the recovery codes from their own page."""

from __future__ import annotations

import base64
import time

import django_otp
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from auditlog import audit
from organisations import access
from organisations.access import manages_people

RECOVERY_CODES = 10
# Where a user who still owes the second factor may go: the page itself, logging out, static files,
# the language switch.
EXEMPT_PREFIXES = ("/second-factor/", "/accounts/logout/", "/static/", "/i18n/", "/healthz/")


ENROL_SESSION_KEY = "second_factor_enrol"
LINK_SENT_SESSION_KEY = "second_factor_link_sent"
RESEND_SECONDS = 10 * 60


def needs_second_factor(user) -> bool:  # type: ignore[no-untyped-def]
    """Whether USER reads non-public data: any right in force (from the grants, read once a request and
    kept for it), the national administrators, the admin site's users."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser or manages_people(user):
        return True
    every, grants = access._held(user)
    return every or bool(grants)


class EnrolmentLinks(PasswordResetTokenGenerator):
    """One-time enrolment links: bound to the password and the confirmed authenticators, so a link dies
    when an authenticator is set up or the password changes."""

    key_salt = "organisations.second_factor.EnrolmentLinks"

    def _make_hash_value(self, user, timestamp) -> str:  # type: ignore[no-untyped-def,override]
        devices = ",".join(
            str(pk)
            for pk in TOTPDevice.objects.filter(user=user, confirmed=True).values_list("pk", flat=True)
        )
        return f"{user.pk}{user.password}{timestamp}{devices}"


enrolment_links = EnrolmentLinks()


def enrolment_link(request: HttpRequest, user) -> str:  # type: ignore[no-untyped-def]
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("second-factor-enrol", args=[uid, enrolment_links.make_token(user)])
    return request.build_absolute_uri(path)


def _send_enrolment_link(request: HttpRequest, user) -> bool:  # type: ignore[no-untyped-def]
    """E-mail the link, at most once in RESEND_SECONDS a session; False when the account has no address."""
    if not user.email:
        return False
    now = int(time.time())
    if now - request.session.get(LINK_SENT_SESSION_KEY, 0) < RESEND_SECONDS:
        return True
    body = render_to_string(
        "organisations/second_factor_email.txt", {"user": user, "link": enrolment_link(request, user)}
    )
    send_mail(_("Set up two-step verification"), body, None, [user.email])
    request.session[LINK_SENT_SESSION_KEY] = now
    audit.record("login", "/second-factor/", user=user, result="enrolment link sent")
    return True


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
        # Its own msgid: "Code" is also the municipality code column's heading (#29 item 7).
        label=gettext_lazy("Verification code"),
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
    """The QR code as a standalone SVG image: an <img> draws a data: SVG only with its xmlns, which
    segno's inline SVG (for embedding in HTML) leaves out (#29 item 7)."""
    import io

    import segno

    svg = io.BytesIO()
    segno.make(url, error="m").save(svg, kind="svg", scale=5, dark="#000", light="#fff", xmldecl=False)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.getvalue()).decode()


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
    if device is None and request.session.get(ENROL_SESSION_KEY) != user.pk:
        # No authenticator yet, and this session has not opened the e-mailed link: send it.
        context.update(awaiting_link=True, has_email=_send_enrolment_link(request, user))
        return render(request, "organisations/second_factor.html", context)
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
                request.session.pop(ENROL_SESSION_KEY, None)
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


@login_required
@require_http_methods(["GET"])
def enrol(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The e-mailed link: this session may set up the authenticator of the account it is logged in as."""
    from django.http import Http404
    from django.utils.http import urlsafe_base64_decode

    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, UnicodeDecodeError):
        raise Http404 from None
    user = request.user
    if pk != user.pk or not enrolment_links.check_token(user, token):
        request.session.pop(LINK_SENT_SESSION_KEY, None)  # a new link goes out at once
        context = {
            "awaiting_link": True,
            "link_expired": True,
            "has_email": _send_enrolment_link(request, user),
            "required": needs_second_factor(user),
        }
        return render(request, "organisations/second_factor.html", context, status=400)
    request.session[ENROL_SESSION_KEY] = user.pk
    return redirect("second-factor")
