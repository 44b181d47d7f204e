"""Mounted under /p/<office>/<language>/: the office's pages for the public."""

from django.urls import path

from . import public_views

app_name = "pages"

urlpatterns = [
    path("pages/", public_views.index, name="index"),
    path("page/<slug:slug>/", public_views.page, name="page"),
    path(
        "accessibility/feedback/", public_views.feedback, name="accessibility_feedback"
    ),
]
