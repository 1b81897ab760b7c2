from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Documents that gather several apps' data, such as the steering group's annual report."""

    name = "reports"
    verbose_name = _("Reports")
