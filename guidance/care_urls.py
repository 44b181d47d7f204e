"""URLs of this part of the guidance app (see guidance/urls.py): cares with
their plans, plan templates and training records."""

from django.urls import URLPattern, path

from . import care_views

urlpatterns: list[URLPattern] = [
    path("cares/", care_views.care_list, name="care_list"),
    path("cares/new/", care_views.care_create, name="care_create"),
    path("cares/<int:pk>/", care_views.care_detail, name="care_detail"),
    path("cares/<int:pk>/assign/", care_views.care_assign, name="care_assign"),
    path("cares/<int:pk>/transfer/", care_views.care_transfer, name="care_transfer"),
    path("cares/<int:pk>/end/", care_views.care_end, name="care_end"),
    path("cares/<int:pk>/reopen/", care_views.care_reopen, name="care_reopen"),
    path("steps/<int:pk>/", care_views.step_edit, name="step_edit"),
    path("templates/", care_views.template_list, name="template_list"),
    path("templates/<int:pk>/", care_views.template_edit, name="template_edit"),
    path("trainings/", care_views.training_list, name="training_list"),
    path("trainings/new/", care_views.training_create, name="training_create"),
    path("trainings/<int:pk>/", care_views.training_edit, name="training_edit"),
]
