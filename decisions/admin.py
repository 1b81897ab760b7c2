from django.contrib import admin

from decisions.models import (
    AgendaItem,
    AgendaPublication,
    Annex,
    AppealPart,
    Attendance,
    Body,
    BodyMember,
    Claim,
    Correction,
    Extract,
    Meeting,
    Notification,
)
from organisations.admin import HistoryAdmin


class BodyMemberInline(admin.TabularInline):
    model = BodyMember
    fk_name = "body"
    autocomplete_fields = ["person"]
    raw_id_fields = ["deputy_of"]
    extra = 0


@admin.register(Body)
class BodyAdmin(HistoryAdmin):
    list_display = ["name_fi", "kind", "area", "publishes_minutes"]
    list_select_related = ["area"]
    search_fields = ["name_fi", "code"]
    inlines = [BodyMemberInline]


@admin.register(BodyMember)
class BodyMemberAdmin(HistoryAdmin):
    """The register of a body's members and personal deputies (the portal's "Members and deputies")."""

    list_display = ["person", "role", "body", "starts", "ends"]
    list_select_related = ["person", "body"]
    list_filter = ["role"]
    search_fields = ["person__first_name", "person__last_name", "body__name_fi"]
    autocomplete_fields = ["person"]
    raw_id_fields = ["deputy_of", "body"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    fk_name = "meeting"
    autocomplete_fields = ["person", "substitutes_for"]
    extra = 0


class AgendaPublicationInline(admin.StackedInline):
    """When and by whom the agenda was published (#29 item 6): a record of what was sent, not edited."""

    model = AgendaPublication
    extra = 0
    can_delete = False
    readonly_fields = ["published_at", "published_by"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ["body", "date", "checked_on", "published_on"]
    list_select_related = ["body"]
    list_filter = ["body"]
    autocomplete_fields = ["chair", "secretary"]
    inlines = [AttendanceInline, AgendaPublicationInline]
    search_fields = ["body__name_fi", "place"]


class AppealPartInline(admin.TabularInline):
    model = AppealPart
    extra = 0


class AnnexInline(admin.TabularInline):
    model = Annex
    extra = 0


class NotificationInline(admin.TabularInline):
    model = Notification
    extra = 0


class ExtractInline(admin.TabularInline):
    model = Extract
    autocomplete_fields = ["certified_by"]
    extra = 0


@admin.register(AgendaItem)
class AgendaItemAdmin(HistoryAdmin):
    list_display = ["section", "title", "body", "outcome"]
    list_select_related = ["body"]
    list_filter = ["body", "year"]
    search_fields = ["title", "proposal", "decision"]
    autocomplete_fields = ["meeting", "presenter"]
    inlines = [AnnexInline, AppealPartInline, NotificationInline, ExtractInline]


@admin.register(Claim)
class ClaimAdmin(HistoryAdmin):
    list_display = ["item", "part", "claimant", "received_on", "standing", "outcome"]
    list_select_related = ["item", "part__item"]
    list_filter = ["outcome", "standing"]
    raw_id_fields = ["decided_in", "notification"]


@admin.register(Correction)
class CorrectionAdmin(HistoryAdmin):
    """Corrections are made in the portal, where the reason is required; here they are read."""

    list_display = ["meeting", "item", "made_on", "changed_fields", "made_by"]
    list_select_related = ["meeting__body", "item", "made_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
