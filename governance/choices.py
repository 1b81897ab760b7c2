"""The fixed vocabularies of a seat, shared by the models and the seat rules (which the models call)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Capacity(models.TextChoices):
    MEMBER = "member", _("member")
    DEPUTY = "deputy", _("personal deputy")


class Role(models.TextChoices):
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice-chair")
    MEMBER = "member", _("member")
    MUNICIPAL = "municipal", _("municipal representative")
