from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from organisations.forms import OrganisationForm
from organisations.models import AreaParticipation, EmploymentArea, Municipality, Organisation, Person

admin.site.site_header = _("TYM Governance – administration")
admin.site.site_title = _("TYM Governance")
admin.site.index_title = _("Board secretary's administration")


class HistoryGuardedAdmin(SimpleHistoryAdmin, GuardedModelAdmin):
    """Change history (simple-history) and per-object permissions (guardian) on every record."""


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    fields = ["code", "name_fi", "name_sv"]
    extra = 0


class ParticipationInline(admin.TabularInline):
    model = AreaParticipation
    autocomplete_fields = ["organisation"]
    extra = 0


@admin.register(EmploymentArea)
class EmploymentAreaAdmin(HistoryGuardedAdmin):
    list_display = ["name_fi", "name_sv", "code", "lead_municipality"]
    search_fields = ["name_fi", "name_sv", "code"]
    list_select_related = ["lead_municipality"]
    inlines = [MunicipalityInline, ParticipationInline]


@admin.register(Municipality)
class MunicipalityAdmin(HistoryGuardedAdmin):
    list_display = ["name_fi", "name_sv", "code", "area"]
    list_select_related = ["area"]
    list_filter = ["area"]
    search_fields = ["name_fi", "name_sv", "code"]


@admin.register(Organisation)
class OrganisationAdmin(HistoryGuardedAdmin):
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
class PersonAdmin(HistoryGuardedAdmin):
    list_display = ["last_name", "first_name", "title", "organisation", "email", "user"]
    list_select_related = ["organisation", "user"]
    list_filter = ["organisation"]
    search_fields = ["first_name", "last_name", "title", "email"]
    autocomplete_fields = ["organisation", "user"]
