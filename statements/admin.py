from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from statements.models import StatementPage


@admin.register(StatementPage)
class StatementPageAdmin(SimpleHistoryAdmin):
    """The administrator keeps the statement pages' text and contact up to date; every change is kept."""

    list_display = ["title_fi", "kind", "reviewed_on"]
    fieldsets = [
        (None, {"fields": ["kind", "reviewed_on", "contact"]}),
        ("suomi", {"fields": ["title_fi", "body_fi"]}),
        ("svenska", {"fields": ["title_sv", "body_sv"]}),
        ("English", {"fields": ["title_en", "body_en"]}),
    ]
