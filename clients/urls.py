from django.urls import path

from . import views

app_name = "clients"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("new/", views.person_create, name="person_create"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("<int:pk>/consents/new/", views.consent_create, name="consent_create"),
    path(
        "consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"
    ),
    path("households/new/", views.household_create, name="household_create"),
]
