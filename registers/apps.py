from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    """The national registers every cooperation shares, as data: municipalities with their wellbeing
    services county and region, the regions' administrative courts, Kela, and the court fee of each
    year. Loaded from the dated editions in `registers/data/` (a data migration, then
    `manage.py update_reference_data FILE`). It imports none of the apps that use it: they ask it
    (`registers.selectors`) and tell it which codes they use (`register_uses.py`, see usage.py)."""

    name = "registers"
    verbose_name = capfirst(_("national registers"))

    def ready(self) -> None:
        from registers import editions

        # A flush (the tests' transactional cleanup) empties the tables the data migration filled;
        # post_migrate follows every flush, so the shipped editions are put back when none is there.
        post_migrate.connect(editions.load_shipped_if_empty, sender=self)
