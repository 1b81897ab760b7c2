from django.urls import path

from notifications import mailbox, views

urlpatterns = [
    path("notifications/", views.notification_list, name="notification-list"),
    path("notifications/<int:pk>/read/", views.mark_read, name="notification-read"),
    path("notifications/preferences/", views.save_preferences, name="notification-preferences"),
    path("notifications/calendar/renew/", views.renew_calendar_token, name="calendar-renew"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
    path("dev/mail/", mailbox.mailbox, name="dev-mailbox"),
]
