from django.urls import path

from agreements import views

urlpatterns = [
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("agreements/<int:pk>/agreement.pdf", views.agreement_pdf, name="agreement-pdf"),
    path("agreements/<int:pk>/signatures/", views.signature_create, name="signature-create"),
    path("agreements/<int:pk>/notices/", views.notice_create, name="notice-create"),
    path("agreements/<int:pk>/disputes/", views.dispute_create, name="dispute-create"),
    path("notice-deliveries/<int:pk>/", views.delivery_record, name="delivery-record"),
    path("signatures/<int:pk>/scan.pdf", views.signature_evidence, name="signature-evidence"),
]
