"""The agreement's signatories, as the agreements write their names, are people whose names come off
the public network after the appeal period (decisions.personal_names, #28 item 2)."""

from django.db.models import BooleanField, QuerySet, Value

from agreements.models import Signatory
from decisions.personal_names import keeps_names_as_written


@keeps_names_as_written
def signatories_as_written() -> QuerySet:
    return Signatory.objects.filter(is_placeholder=False).values_list(
        "name_as_written", Value(True, BooleanField())
    )
