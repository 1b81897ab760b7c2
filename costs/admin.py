from django.contrib import admin

from costs.models import CostItem, CostPrinciple, DevelopmentDay, Invoice, InvoiceCounter, Registration
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


@admin.register(InvoiceCounter)
class InvoiceCounterAdmin(admin.ModelAdmin):
    """The year's last invoice number, kept by the invoicing service; read here, never set."""

    list_display = ["year", "last"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
