from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Delivers what the other apps declare falls due: reminders, e-mail, the calendar feed."""

    name = "notifications"
    verbose_name = _("Notifications and reminders")

    def ready(self) -> None:
        from notifications import sweep, tasks  # noqa: F401  (the daily job; e-mail queued on commit)
