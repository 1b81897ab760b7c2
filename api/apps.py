from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The top layer's JSON endpoints for integrations; it may read every app below it."""

    name = "api"
    verbose_name = _("Integrations")

    def ready(self) -> None:
        from api import extensions  # noqa: F401  (registers the token's security scheme)
