from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("Decisions and minutes")

    def ready(self) -> None:
        from decisions import casefile, reminders, search, sections, setup  # noqa: F401  (registers them)
