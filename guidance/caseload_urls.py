"""URLs of this part of the guidance app (see guidance/urls.py): caseloads."""

from django.urls import URLPattern, path

from . import caseload_views

urlpatterns: list[URLPattern] = [
    path("caseload/", caseload_views.caseload_view, name="caseload"),
]
