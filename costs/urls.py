from django.urls import path

from costs import views

urlpatterns = [
    path("groups/<int:pk>/costs/", views.group_costs, name="group-costs"),
    path("groups/<int:pk>/development-days/new/", views.day_create, name="day-create"),
    path("development-days/<int:pk>/", views.day_detail, name="day-detail"),
    path("development-days/<int:pk>/costs.<str:fmt>", views.day_export, name="day-export"),
    path("development-days/<int:pk>/costs/new/", views.cost_item_create, name="cost-item-create"),
    path("development-days/<int:pk>/register/", views.register, name="day-register"),
    path("development-days/<int:pk>/invoices/", views.prepare_invoices, name="day-invoices"),
    path("development-days/<int:pk>/reopen/", views.reopen_day, name="day-reopen"),
    path("registrations/<int:pk>/cancel/", views.cancel, name="registration-cancel"),
    path("invoices/<int:pk>/status/", views.invoice_status, name="invoice-status"),
    path("invoices/<int:pk>.pdf", views.invoice_pdf, name="invoice-pdf"),
]
