"""URLs of this part of the mediators app (see mediators/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
