"""The registers are read here, not edited: they change only through an edition
(`manage.py update_reference_data FILE`), so every fact names its source and date."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from registers.models import (
    AdministrativeCourt,
    CourtFee,
    Edition,
    NationalParty,
    Region,
    RegisteredMunicipality,
    WellbeingCounty,
)


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Edition)
class EditionAdmin(ReadOnlyAdmin):
    list_display = ["name", "effective_from", "checked_on", "applied_at"]


@admin.register(AdministrativeCourt)
class AdministrativeCourtAdmin(ReadOnlyAdmin):
    list_display = ["name_fi", "address", "email"]


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ["name_fi", "code", "court"]
    list_select_related = ["court"]


@admin.register(WellbeingCounty)
class WellbeingCountyAdmin(ReadOnlyAdmin):
    list_display = ["name_fi", "code", "business_id", "published_count"]


@admin.register(RegisteredMunicipality)
class RegisteredMunicipalityAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_fi", "name_sv", "county", "region", "valid_from", "valid_to"]
    list_select_related = ["county", "region"]
    search_fields = ["code", "name_fi", "name_sv"]
    list_filter = ["county", "region"]


@admin.register(NationalParty)
class NationalPartyAdmin(ReadOnlyAdmin):
    list_display = ["name_fi", "business_id"]


@admin.register(CourtFee)
class CourtFeeAdmin(ReadOnlyAdmin):
    list_display = ["valid_from", "valid_to", "amount", "source"]
