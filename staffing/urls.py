from django.urls import path

from staffing import views

urlpatterns = [
    path("groups/<int:pk>/year/<int:year>/", views.year_detail, name="staffing-year"),
    path("groups/<int:pk>/year/<int:year>/import/", views.import_figures, name="staffing-import"),
    path("groups/<int:pk>/year/<int:year>/export.<str:fmt>", views.export, name="staffing-export"),
]
