from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("desk/", views.desk, name="desk"),
    path("search/", views.search, name="search"),
    path("concerns/", views.concern_list, name="concern_list"),
    path("concerns/new/", views.concern_create, name="concern_create"),
    path("concerns/<int:pk>/", views.concern_detail, name="concern_detail"),
    path("concerns/<int:pk>/edit/", views.concern_edit, name="concern_edit"),
    path("concerns/<int:pk>/close/", views.concern_close, name="concern_close"),
    path("concerns/<int:pk>/reopen/", views.concern_reopen, name="concern_reopen"),
    path("concerns/<int:pk>/persons/", views.party_add, name="party_add"),
    path(
        "concerns/<int:pk>/activities/new/",
        views.activity_create,
        name="activity_create",
    ),
    path(
        "concerns/<int:pk>/follow-ups/new/",
        views.follow_up_create,
        name="follow_up_create",
    ),
    path("follow-ups/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path(
        "concerns/<int:pk>/referrals/new/",
        views.referral_create,
        name="referral_create",
    ),
    path("referrals/<int:pk>/", views.referral_result, name="referral_result"),
    path("settings/topics/", views.topic_list, name="topic_list"),
    path("settings/topics/<int:pk>/", views.topic_edit, name="topic_edit"),
]
