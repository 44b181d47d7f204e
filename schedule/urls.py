from django.urls import path

from . import appointment_views, calendar_views, outreach_views, views

app_name = "schedule"

urlpatterns = [
    # Sites, rules, cancellations and the budget (views.py).
    path("", views.overview, name="hours_overview"),
    path("sites/new/", views.site_create, name="site_create"),
    path("sites/<int:pk>/", views.site_edit, name="site_edit"),
    path("sites/<int:pk>/rooms/new/", views.room_create, name="room_create"),
    path("rooms/<int:pk>/", views.room_edit, name="room_edit"),
    path("rules/new/", views.rule_create, name="hours_rule_create"),
    path("rules/<int:pk>/", views.rule_edit, name="hours_rule_edit"),
    path("rules/<int:pk>/end/", views.rule_end, name="hours_rule_end"),
    path("cancellations/new/", views.cancellation_create, name="cancellation_create"),
    path(
        "cancellations/<int:pk>/delete/",
        views.cancellation_delete,
        name="cancellation_delete",
    ),
    path("budget/", views.budget_month, name="budget_month"),
    path("budget/new/", views.budget_create, name="budget_create"),
    path("budget/<int:pk>/", views.budget_edit, name="budget_edit"),
    # Sessions, appointments and walk-ins (appointment_views.py).
    path(
        "sessions/<int:rule>/<str:day>/",
        appointment_views.session,
        name="session",
    ),
    path(
        "sessions/<int:rule>/<str:day>/walk-ins/",
        appointment_views.walk_in_add,
        name="walk_in_add",
    ),
    path(
        "walk-ins/<int:pk>/move/",
        appointment_views.walk_in_move,
        name="walk_in_move",
    ),
    path("appointments/", appointment_views.appointment_list, name="appointment_list"),
    path(
        "appointments/new/",
        appointment_views.appointment_create,
        name="appointment_create",
    ),
    path(
        "appointments/<int:pk>/",
        appointment_views.appointment_detail,
        name="appointment_detail",
    ),
    path(
        "appointments/<int:pk>/cancel/",
        appointment_views.appointment_cancel,
        name="appointment_cancel",
    ),
    path(
        "appointments/<int:pk>/outcome/",
        appointment_views.appointment_outcome,
        name="appointment_outcome",
    ),
    # Outreach days and visits (outreach_views.py).
    path("outreach/", outreach_views.outreach_list, name="outreach_list"),
    path("outreach/new/", outreach_views.outreach_create, name="outreach_create"),
    path("outreach/<int:pk>/", outreach_views.outreach_detail, name="outreach_detail"),
    path("outreach/<int:pk>/edit/", outreach_views.outreach_edit, name="outreach_edit"),
    # The personal calendar and its feed address (calendar_views.py).
    path("calendar/", calendar_views.my_calendar, name="my_calendar"),
    path("calendar/feed/", calendar_views.feed_token, name="feed_token"),
    path("calendar/feed/revoke/", calendar_views.feed_revoke, name="feed_revoke"),
]
