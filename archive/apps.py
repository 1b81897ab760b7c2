from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    """The document archive of the steering group and the board (agreement §§ 8 and 10): PDF/A copies
    with records metadata, shared with the cooperation's people by role."""

    name = "archive"
    verbose_name = _("Document archive")

    def ready(self) -> None:
        from archive import packs, search, sections  # noqa: F401  (register them)
