from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.office, name="office"),
    path("state/", views.state, name="state"),
]
