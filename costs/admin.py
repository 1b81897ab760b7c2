from django.contrib import admin

from costs.models import CostItem, CostPrinciple, DevelopmentDay, Invoice, Registration
from organisations.admin import HistoryGuardedAdmin


class CostItemInline(admin.TabularInline):
    model = CostItem
    extra = 0


class RegistrationInline(admin.TabularInline):
    model = Registration
    autocomplete_fields = ["person", "organisation"]
    extra = 0


@admin.register(DevelopmentDay)
class DevelopmentDayAdmin(HistoryGuardedAdmin):
    list_display = ["title", "date", "group", "is_example"]
    list_select_related = ["group__cooperation"]
    inlines = [CostItemInline, RegistrationInline]


@admin.register(Invoice)
class InvoiceAdmin(HistoryGuardedAdmin):
    list_display = ["number", "debtor", "creditor", "amount", "due_date", "status"]
    list_select_related = ["debtor", "creditor"]
    list_filter = ["status"]


@admin.register(CostPrinciple)
class CostPrincipleAdmin(HistoryGuardedAdmin):
    list_display = ["cooperation", "order", "text_fi", "source"]
