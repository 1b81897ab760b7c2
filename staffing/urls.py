from django.urls import path

from staffing import editing, views

urlpatterns = [
    path("groups/<int:pk>/year/<year:year>/", views.year_detail, name="staffing-year"),
    path(
        "groups/<int:pk>/year/<year:year>/objectives/new/", editing.objective_create, name="objective-create"
    ),
    path("groups/<int:pk>/year/<year:year>/assessment/", editing.assessment, name="staffing-assessment"),
    path("objectives/<int:pk>/decision/", editing.objective_decide, name="objective-decide"),
    path("objectives/<int:pk>/status/", editing.objective_status, name="objective-status"),
    path("objectives/<int:pk>/indicators/new/", editing.indicator_create, name="indicator-create"),
    path("indicators/<int:pk>/values/new/", editing.measurement_create, name="measurement-create"),
    path("groups/<int:pk>/year/<year:year>/import/", views.import_figures, name="staffing-import"),
    path("groups/<int:pk>/year/<year:year>/export.<str:fmt>", views.export, name="staffing-export"),
]
