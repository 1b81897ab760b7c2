from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from organisations.forms import OrganisationForm
from organisations.models import (
    Cooperation,
    CooperationPerson,
    CountyOfMunicipality,
    EmploymentArea,
    Grant,
    Municipality,
    Organisation,
    Participation,
    Person,
)

admin.site.site_header = _("TYM Governance – administration")
admin.site.site_title = _("TYM Governance")
admin.site.index_title = _("Board secretary's administration")


class HistoryAdmin(SimpleHistoryAdmin):
    """Change history (simple-history) on every record. Rights are grants (organisations.Grant), kept
    and withdrawn in the portal with their own history, not per-object permissions."""


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    fields = ["code", "name_fi", "name_sv"]
    extra = 0


class ParticipationInline(admin.TabularInline):
    model = Participation
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "joined_on", "left_on", "names_chair", "names_vice_chair"]
    extra = 0


class CooperationPersonInline(admin.TabularInline):
    """People the secretary has linked to the cooperation (organisations.selectors.people_of)."""

    model = CooperationPerson
    autocomplete_fields = ["person"]
    fields = ["person"]
    extra = 0


class AreaInline(admin.TabularInline):
    model = EmploymentArea
    fields = ["code", "name_fi", "employment_authority"]
    autocomplete_fields = ["employment_authority"]
    extra = 0


@admin.register(Cooperation)
class CooperationAdmin(HistoryAdmin):
    list_display = ["name_fi", "code"]
    search_fields = ["name_fi", "name_sv", "code"]
    inlines = [AreaInline, ParticipationInline, CooperationPersonInline]


@admin.register(EmploymentArea)
class EmploymentAreaAdmin(HistoryAdmin):
    list_display = ["name_fi", "name_sv", "code", "cooperation", "employment_authority", "lead_municipality"]
    search_fields = ["name_fi", "name_sv", "code"]
    list_select_related = ["lead_municipality", "cooperation", "employment_authority"]
    autocomplete_fields = ["cooperation", "employment_authority"]
    inlines = [MunicipalityInline]


class CountyInline(admin.TabularInline):
    model = CountyOfMunicipality
    autocomplete_fields = ["county"]
    fields = ["county", "valid_from", "valid_to"]
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(HistoryAdmin):
    list_display = ["name_fi", "name_sv", "code", "area"]
    list_select_related = ["area"]
    list_filter = ["area"]
    search_fields = ["name_fi", "name_sv", "code"]
    inlines = [CountyInline]


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    form = OrganisationForm
    list_display = ["name_fi", "kind", "business_id", "business_id_passes"]
    list_filter = ["kind"]
    search_fields = ["name_fi", "name_sv", "business_id"]
    readonly_fields = ["business_id_check"]
    inlines = [ParticipationInline]

    @admin.display(boolean=True, description=_("business ID passes its check digit"))
    def business_id_passes(self, obj: Organisation) -> bool | None:
        if obj.business_id_status == Organisation.BusinessIdStatus.MISSING:
            return None
        return obj.business_id_is_valid

    @admin.display(description=_("business ID check"))
    def business_id_check(self, obj: Organisation) -> str:
        return str(Organisation.BusinessIdStatus(obj.business_id_status).label)


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ["last_name", "first_name", "title", "organisation", "email", "user"]
    list_select_related = ["organisation", "user"]
    list_filter = ["organisation"]
    search_fields = ["first_name", "last_name", "title", "email"]
    autocomplete_fields = ["organisation", "user"]


@admin.register(Grant)
class GrantAdmin(SimpleHistoryAdmin):
    """Rights are given and withdrawn in the portal ("People and rights"), which records who did it;
    the admin shows them and their history."""

    list_display = ["user", "role", "organisation", "cooperation", "granted_at", "granted_by", "withdrawn_at"]
    list_select_related = ["user", "organisation", "cooperation", "granted_by"]
    list_filter = ["role", "cooperation"]
    search_fields = ["user__username", "organisation__name_fi"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
