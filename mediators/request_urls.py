"""URLs of this part of the mediators app (see mediators/urls.py): requests,
offers and assignments as staff see them, and the mediators' own view."""

from django.urls import URLPattern, path

from . import own_views, request_views

urlpatterns: list[URLPattern] = [
    path("requests/", request_views.request_list, name="request_list"),
    path("requests/new/", request_views.request_create, name="request_create"),
    path("requests/<int:pk>/", request_views.request_detail, name="request_detail"),
    path("requests/<int:pk>/offer/", request_views.request_offer, name="request_offer"),
    path(
        "requests/<int:pk>/cancel/",
        request_views.request_cancel,
        name="request_cancel",
    ),
    path(
        "requests/<int:pk>/unfilled/",
        request_views.request_unfilled,
        name="request_unfilled",
    ),
    path(
        "assignments/<int:pk>/withdraw/",
        request_views.assignment_withdraw,
        name="assignment_withdraw",
    ),
    path(
        "assignments/<int:pk>/cancel/",
        request_views.assignment_cancel,
        name="assignment_cancel",
    ),
    path(
        "assignments/<int:pk>/work/",
        request_views.assignment_work,
        name="assignment_work",
    ),
    path("mine/", own_views.own_list, name="own_list"),
    path("mine/<int:pk>/", own_views.own_detail, name="own_detail"),
    path("mine/<int:pk>/accept/", own_views.own_accept, name="own_accept"),
    path("mine/<int:pk>/decline/", own_views.own_decline, name="own_decline"),
]
