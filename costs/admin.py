"""The admin site is for data repairs; it cannot move a day or an invoice basis past its lifecycle.

A day's status and every state, date and amount of an invoice basis are read here and changed only
by the portal's services (costs/services.py), which check the transition tables; an invoiced day's
registrations and costs are read-only, since its invoice bases stand on them.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from costs.models import CostItem, CostPrinciple, DevelopmentDay, Invoice, InvoiceCounter, Registration
from organisations.admin import HistoryAdmin


class _LifecycleAdmin(HistoryAdmin):
    """The history is read, never restored: reverting to an earlier version would move a day or an
    invoice basis back past its lifecycle (simple-history's revert saves the old row as it was)."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class _ClosedWhenInvoiced:
    """An inline of a day that cannot change while the day is invoiced."""

    def _open(self, obj) -> bool:
        return obj is None or obj.is_open

    def has_add_permission(self, request, obj=None):
        return self._open(obj) and super().has_add_permission(request, obj)  # type: ignore[misc]

    def has_change_permission(self, request, obj=None):
        return self._open(obj) and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request, obj=None):
        return self._open(obj) and super().has_delete_permission(request, obj)  # type: ignore[misc]


class CostItemInline(_ClosedWhenInvoiced, admin.TabularInline):
    model = CostItem
    extra = 0


class RegistrationInline(_ClosedWhenInvoiced, admin.TabularInline):
    model = Registration
    autocomplete_fields = ["person", "organisation"]
    extra = 0


@admin.register(DevelopmentDay)
class DevelopmentDayAdmin(_LifecycleAdmin):
    list_display = ["title", "date", "group", "status", "is_example"]
    list_select_related = ["group__cooperation"]
    list_filter = ["status"]
    readonly_fields = ["status", "reopen_reason"]
    inlines = [CostItemInline, RegistrationInline]


@admin.register(Invoice)
class InvoiceAdmin(_LifecycleAdmin):
    """Read only: invoice bases are prepared, marked, voided and credited by the services alone."""

    list_display = ["number", "kind", "debtor", "creditor", "amount", "due_date", "status"]
    list_select_related = ["debtor", "creditor"]
    list_filter = ["status", "kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CostPrinciple)
class CostPrincipleAdmin(HistoryAdmin):
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
