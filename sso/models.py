"""A provider's assertion of multi-factor authentication, as django-otp's second factor (#30).

django-otp counts a session as verified when it holds a confirmed device of the logged-in user
(OTPMiddleware; organisations.second_factor reads user.is_verified()). A ProviderDevice is that device
for a sign-in whose ID token asserted more than one factor (amr/acr, sso.signin.asserts_mfa): the
callback puts it in the session, and nothing else can. It takes no code: verify_token is always
False, so it is never a way to give the second factor on the product's own page."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device


class ProviderDevice(Device):
    provider: models.CharField[str, str] = models.CharField(_("provider"), max_length=40)

    class Meta:
        verbose_name = _("organisation's sign-in with multi-factor authentication")
        verbose_name_plural = _("organisations' sign-ins with multi-factor authentication")
        constraints = [
            models.UniqueConstraint(fields=["user", "provider"], name="provider_device_once_per_user"),
        ]

    def verify_token(self, token: object) -> bool:
        return False
