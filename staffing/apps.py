from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "staffing"
    verbose_name = _("Objectives and staffing")

    def ready(self) -> None:
        from staffing import adequacy_rules, casefile, reminders  # noqa: F401  (registers them)
