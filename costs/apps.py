from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CostsConfig(AppConfig):
    name = "costs"
    verbose_name = _("Development-day costs")

    def ready(self) -> None:
        from costs import casefile, reminders  # noqa: F401  (registers them)
