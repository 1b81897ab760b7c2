from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Areas, organisations and people")

    def ready(self) -> None:
        from organisations import casefile, search  # noqa: F401  (register their parts)
        from organisations.access import _sync_secretary_group

        post_migrate.connect(_sync_secretary_group, dispatch_uid="tym_sync_secretary_group")
