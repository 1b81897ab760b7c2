from django.urls import path

from accessrights import views

urlpatterns = [
    path("cooperations/<slug:code>/access-rights/", views.register, name="access-rights"),
    path("cooperations/<slug:code>/access-rights/new/", views.apply, name="access-right-apply"),
    path(
        "cooperations/<slug:code>/access-rights.<str:fmt>",
        views.export,
        name="access-rights-export",
    ),
    path("access-rights/<int:pk>/<slug:action>/", views.step, name="access-right-step"),
]
