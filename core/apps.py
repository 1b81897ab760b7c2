from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The bottom layer: what every app shares (validated writes, case files, PDF rendering, form
    helpers, charts, the registries of reminders and daily jobs). It imports no app of ours."""

    name = "core"
    verbose_name = _("Shared foundations")
