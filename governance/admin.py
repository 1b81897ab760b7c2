from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from governance import compliance
from governance.models import (
    LeadershipAppointment,
    Membership,
    Nomination,
    StatutoryParameters,
    SteeringGroup,
)
from organisations.admin import HistoryAdmin


class GroupFilter(admin.RelatedFieldListFilter):
    """The steering groups to filter by, named with their cooperation (SteeringGroup.__str__) in one
    query: the default asked for each group's cooperation, 101 queries at national scale (#15)."""

    def field_choices(self, field, request, model_admin):
        groups = SteeringGroup.objects.select_related("cooperation").order_by(
            "cooperation__name_fi", "-term_start"
        )
        return [(group.pk, str(group)) for group in groups]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "group"
    fields = [
        "organisation",
        "person",
        "capacity",
        "role",
        "deputy_of",
        "nomination",
        "role_named_in",
        "start_date",
        "end_date",
        "end_reason",
        "serves_until_successor",
    ]
    autocomplete_fields = ["person", "organisation"]
    extra = 0
    show_change_link = True


class NominationInline(admin.TabularInline):
    model = Nomination
    fields = ["organisation", "decided_by", "decided_by_body", "decided_on", "reference"]
    autocomplete_fields = ["decided_by", "organisation"]
    extra = 0
    show_change_link = True


@admin.register(SteeringGroup)
class SteeringGroupAdmin(HistoryAdmin):
    list_display = ["name", "cooperation", "term_start", "term_end", "status_label", "error_count"]
    list_select_related = ["cooperation"]
    search_fields = ["name", "cooperation__name_fi"]
    readonly_fields = ["findings"]
    inlines = [NominationInline]

    @admin.display(description=_("status"))
    def status_label(self, obj: SteeringGroup) -> str:
        return obj.get_status_display()

    def get_changelist_instance(self, request):
        """The page's groups evaluated together: their facts in one set of queries (#15)."""
        changelist = super().get_changelist_instance(request)
        findings = compliance.evaluate_many(changelist.result_list)
        for group in changelist.result_list:
            group.tym_findings = findings[group.pk]
        return changelist

    @admin.display(description=_("errors found"))
    def error_count(self, obj: SteeringGroup) -> int:
        found = getattr(obj, "tym_findings", None)
        if found is None:
            found = compliance.evaluate(obj)
        return sum(1 for f in found if f.severity == compliance.Severity.ERROR)

    @admin.display(description=_("findings"))
    def findings(self, obj: SteeringGroup) -> str:
        return "\n".join(
            f"[{f.severity}] {f.title}: {f.message} ({f.citation})" for f in compliance.evaluate(obj)
        )


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ["person", "capacity", "role", "organisation", "group", "start_date", "end_date"]
    list_select_related = ["person", "organisation", "group__cooperation"]
    list_filter = ["capacity", "role", ("group", GroupFilter)]
    search_fields = ["person__first_name", "person__last_name"]
    autocomplete_fields = ["person", "organisation", "deputy_of", "nomination", "role_named_in"]


@admin.register(Nomination)
class NominationAdmin(HistoryAdmin):
    list_display = ["organisation", "decided_by", "decided_by_body", "decided_on", "reference", "group"]
    list_select_related = ["organisation", "decided_by", "group__cooperation"]
    search_fields = ["organisation__name_fi", "reference", "decided_by__last_name"]
    autocomplete_fields = ["organisation", "decided_by"]


@admin.register(LeadershipAppointment)
class LeadershipAppointmentAdmin(HistoryAdmin):
    list_display = ["person", "capacity", "group", "approved_on", "named_on", "term_start", "term_end"]
    list_select_related = ["person", "group__cooperation"]
    autocomplete_fields = ["person", "administrative_employer"]


@admin.register(StatutoryParameters)
class StatutoryParametersAdmin(HistoryAdmin):
    list_display = ["valid_from", "term_years", "chair_named_by", "vice_chair_named_by", "source"]
