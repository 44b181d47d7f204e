from django.urls import path

from . import staff_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("second-factor/", views.otp_setup, name="otp_setup"),
    path("password/", views.password_change, name="password_change"),
    path("staff/", staff_views.staff_list, name="staff_list"),
    path("staff/new/", staff_views.staff_create, name="staff_create"),
    path("staff/<int:pk>/", staff_views.staff_edit, name="staff_edit"),
    path(
        "staff/<int:pk>/second-factor/reset/",
        staff_views.staff_reset_second_factor,
        name="staff_reset_second_factor",
    ),
]
