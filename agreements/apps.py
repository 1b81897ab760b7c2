from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Cooperation agreements")

    def ready(self) -> None:
        from agreements import casefile, consistency_rules, reminders, sections, tasks  # noqa: F401
