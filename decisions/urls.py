from django.urls import path

from decisions import views

urlpatterns = [
    path("decisions/<int:pk>/", views.item_detail, name="item-detail"),
    path("decisions/<int:pk>/notifications/", views.notification_create, name="notification-create"),
    path("decisions/<int:pk>/claims/", views.claim_create, name="claim-create"),
    path("decisions/<int:pk>/extract.pdf", views.extract_pdf, name="extract-pdf"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/check/", views.meeting_check, name="meeting-check"),
    path("meetings/<int:pk>/publish/", views.meeting_publish, name="meeting-publish"),
    path("meetings/<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes-pdf"),
    path("deadlines/", views.deadline_calculator, name="deadline-calculator"),
    path("public/<slug:code>/", views.public_index, name="public-index"),
    path("public/<slug:code>/feed/", views.PublicFeed(), name="public-feed"),
    path("public/<slug:code>/<int:pk>/", views.public_item, name="public-item"),
]
