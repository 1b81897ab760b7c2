from django.contrib import admin

from accessrights.models import AccessRight
from organisations.admin import HistoryAdmin


@admin.register(AccessRight)
class AccessRightAdmin(HistoryAdmin):
    list_display = ["person", "organisation", "system", "applied_on", "granted_on", "ended_on"]
    list_select_related = ["person", "organisation"]
    list_filter = ["cooperation", "organisation"]
    search_fields = ["person__last_name", "person__first_name", "system"]
    raw_id_fields = ["person"]
