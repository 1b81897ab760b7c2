from django.urls import path

from agreements import approvals, lifecycle, lists, views

urlpatterns = [
    path("agreements/", lists.agreement_list, name="agreement-list"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("cooperations/<slug:code>/agreements/new/", lifecycle.agreement_create, name="agreement-create"),
    path("agreements/<int:pk>/sections/new/", lifecycle.section_create, name="agreement-section-create"),
    path("agreements/<int:pk>/signatories/new/", lifecycle.signatory_create, name="signatory-create"),
    path("signatories/<int:pk>/must-sign/", lifecycle.signatory_must_sign, name="signatory-must-sign"),
    path("agreements/<int:pk>/approve/", lifecycle.agreement_approve, name="agreement-approve"),
    path("agreements/<int:pk>/send/", lifecycle.agreement_send, name="agreement-send"),
    path("agreements/<int:pk>/draft/", lifecycle.agreement_back_to_draft, name="agreement-back-to-draft"),
    path("agreements/<int:pk>/amendments/new/", lifecycle.amendment_create, name="amendment-create"),
    path("agreements/<int:pk>/agreement.pdf", views.agreement_pdf, name="agreement-pdf"),
    path("agreements/<int:pk>/signatures/", views.signature_create, name="signature-create"),
    path("agreements/<int:pk>/notices/", views.notice_create, name="notice-create"),
    path("agreements/<int:pk>/disputes/", views.dispute_create, name="dispute-create"),
    path("notice-deliveries/<int:pk>/", views.delivery_record, name="delivery-record"),
    path("signatures/<int:pk>/scan.pdf", views.signature_evidence, name="signature-evidence"),
    path("agreement-parties/<int:pk>/approval/", approvals.approval_record, name="party-approval"),
    path("agreements/<int:pk>/topics/", approvals.topic_section_set, name="agreement-topic"),
]
