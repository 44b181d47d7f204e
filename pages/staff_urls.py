"""Mounted under /office/pages/: staff write the portal pages."""

from django.urls import path

from . import views

app_name = "pages_staff"

urlpatterns = [
    path("", views.page_list, name="page_list"),
    path("new/", views.page_create, name="page_create"),
    path("<int:pk>/settings/", views.page_settings, name="page_settings"),
    path("<int:pk>/delete/", views.page_delete, name="page_delete"),
    path("<int:pk>/<str:lang>/", views.text_edit, name="text_edit"),
]
