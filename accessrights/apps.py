from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessRightsConfig(AppConfig):
    name = "accessrights"
    verbose_name = _("Access rights to the customer information system")

    def ready(self) -> None:
        from accessrights import reminders, sections  # noqa: F401  (registers them)
