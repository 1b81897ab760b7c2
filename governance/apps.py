from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Steering group and decisions")

    def ready(self) -> None:
        from governance import (  # noqa: F401
            bodies,
            casefile,
            composition_rules,
            coverage_rules,
            instruction_rules,
            reminders,
            search,
            sections,
            setup,
        )
