from django.apps import AppConfig
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    """The statement pages every public service publishes, linked from every footer: the accessibility
    statement (Act 306/2019 § 15) and the privacy notice (GDPR Art. 13-14), their text kept in the admin."""

    name = "statements"
    verbose_name = capfirst(_("statement pages"))  # the model's own translated name heads its admin section
