"""URLs of this part of the guidance app (see guidance/urls.py)."""

from django.urls import URLPattern, path

from . import intake_views as views

urlpatterns: list[URLPattern] = [
    path("imports/", views.import_list, name="import_list"),
    path("imports/new/", views.import_create, name="import_create"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/commit/", views.import_commit, name="import_commit"),
    path("imports/<int:pk>/discard/", views.import_discard, name="import_discard"),
    path("imports/<int:pk>/original/", views.import_original, name="import_original"),
    path("intake/new/", views.intake_create, name="intake_create"),
]
