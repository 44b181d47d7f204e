"""URLs of this part of the mediators app (see mediators/urls.py)."""

from django.urls import URLPattern, path

from . import pool_views as views

urlpatterns: list[URLPattern] = [
    path("", views.mediator_list, name="mediator_list"),
    path("new/", views.mediator_create, name="mediator_create"),
    path("<int:pk>/", views.mediator_detail, name="mediator_detail"),
    path("<int:pk>/edit/", views.mediator_edit, name="mediator_edit"),
    path("<int:pk>/confirm/", views.mediator_confirm, name="mediator_confirm"),
    path("upkeep/", views.upkeep, name="upkeep"),
    path("rates/", views.rate_list, name="rate_list"),
    path("rates/new/", views.rate_create, name="rate_create"),
    path("rates/<int:pk>/", views.rate_detail, name="rate_detail"),
    path("rates/<int:pk>/edit/", views.rate_edit, name="rate_edit"),
    path("rates/<int:pk>/add/", views.rate_add, name="rate_add"),
]
