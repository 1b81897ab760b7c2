from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    """Single sign-on with each organisation's OpenID Connect provider (#30): the providers' file
    (providers.py), who a provider may sign in (signin.py), the login and logout round trips (views.py),
    and the provider's multi-factor assertion as the second factor (models.ProviderDevice)."""

    name = "sso"
    verbose_name = _("Single sign-on")
