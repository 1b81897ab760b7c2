from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Cooperation agreements")

    def ready(self) -> None:
        from agreements import (  # noqa: F401
            casefile,
            casefile_topics,
            citation_rules,
            consistency_rules,
            public_names,
            reminders,
            search,
            sections,
            tasks,
        )
