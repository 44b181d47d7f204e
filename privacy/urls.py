from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path(
        "requests/<int:pk>/report.pdf",
        views.download,
        {"fmt": "pdf"},
        name="download_pdf",
    ),
    path(
        "requests/<int:pk>/report.json",
        views.download,
        {"fmt": "json"},
        name="download_json",
    ),
    path("requests/<int:pk>/lift/", views.lift, name="lift"),
    path("persons/<int:pk>/access/", views.access_report, name="access_report"),
    path("persons/<int:pk>/erase/", views.erase, name="erase"),
    path("persons/<int:pk>/restrict/", views.restrict, name="restrict"),
    path("retention/", views.retention_rules, name="retention"),
    path("retention/due/", views.retention_due, name="retention_due"),
]
