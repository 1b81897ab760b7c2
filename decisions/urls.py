from django.urls import path

from decisions import documents, editing, lists, members, packs, setup, views
from decisions.receipts import notification_receipt

urlpatterns = [
    path("decisions/", lists.decision_list, name="decision-list"),
    path("meetings/", lists.meeting_list, name="meeting-list"),
    path("decisions/<int:pk>/", views.item_detail, name="item-detail"),
    path("decisions/<int:pk>/edit/", editing.item_edit, name="item-edit"),
    path("decisions/<int:pk>/annexes/new/", editing.annex_create, name="annex-create"),
    path("decisions/<int:pk>/decision/", editing.decision_record, name="decision-record"),
    path("decisions/<int:pk>/correction/", editing.item_correct, name="item-correct"),
    path("decisions/<int:pk>/extracts/new/", editing.extract_create, name="extract-create"),
    path("decisions/<int:pk>/notifications/", views.notification_create, name="notification-create"),
    path("decisions/<int:pk>/claims/", views.claim_create, name="claim-create"),
    path(
        "decisions/<int:pk>/notifications/reissue/", editing.notification_reissue, name="notification-reissue"
    ),
    path("notifications/<int:pk>/receipt/", notification_receipt, name="notification-receipt"),
    path("claims/<int:pk>/assess/", editing.claim_assess, name="claim-assess"),
    path("claims/<int:pk>/decide/", editing.claim_decide, name="claim-decide"),
    path("areas/<slug:code>/bodies/new/", setup.body_create, name="body-create"),
    path("bodies/<int:pk>/edit/", editing.body_edit, name="body-edit"),
    path("bodies/<int:pk>/members/", members.body_members, name="body-members"),
    path("body-members/<int:pk>/end/", members.member_end, name="body-member-end"),
    path("decisions/<int:pk>/extract.pdf", documents.extract_pdf, name="extract-pdf"),
    path("bodies/<int:pk>/meetings/new/", editing.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", editing.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/items/new/", editing.item_create, name="item-create"),
    path("meetings/<int:pk>/attendance/", editing.attendance_checklist, name="attendance-checklist"),
    path("meetings/<int:pk>/attendance/new/", editing.attendance_create, name="attendance-create"),
    path("attendances/<int:pk>/remove/", editing.attendance_remove, name="attendance-remove"),
    path("meetings/<int:pk>/check/", views.meeting_check, name="meeting-check"),
    path("meetings/<int:pk>/publish/", editing.meeting_publish, name="meeting-publish"),
    path("meetings/<int:pk>/agenda.pdf", editing.agenda_pdf, name="agenda-pdf"),
    path("meetings/<int:pk>/pack/", packs.meeting_pack, name="meeting-pack"),
    path("meetings/<int:pk>/pack.pdf", packs.meeting_pack_pdf, name="meeting-pack-pdf"),
    path("meetings/<int:pk>/agenda/publish/", packs.agenda_publish, name="agenda-publish"),
    path("meetings/<int:pk>/minutes.pdf", documents.minutes_pdf, name="minutes-pdf"),
    path("deadlines/", views.deadline_calculator, name="deadline-calculator"),
    path("public/<slug:code>/", views.public_index, name="public-index"),
    path("public/<slug:code>/feed/", views.PublicFeed(), name="public-feed"),
    path("public/<slug:code>/<int:pk>/", views.public_item, name="public-item"),
    path(
        "public/<slug:code>/meetings/<int:pk>/minutes.pdf",
        documents.public_minutes_pdf,
        name="public-minutes-pdf",
    ),
]
