from django.contrib import admin

from notifications.models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "due_date", "created_at", "emailed_at", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "language", "email_enabled", "weekly_digest"]
    exclude = ["calendar_token"]
