from django.urls import path

from reports import views

urlpatterns = [
    path("groups/<int:pk>/year/<year:year>/report.pdf", views.annual_report, name="annual-report"),
]
