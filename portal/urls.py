from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.offices, name="offices"),
    path("<slug:office>/", views.office, name="office"),
    path("<slug:office>/<str:lang>/", views.start, name="start"),
    path("<slug:office>/<str:lang>/send/", views.submit, name="submit"),
    path("<slug:office>/<str:lang>/status/", views.status, name="status"),
    path("<slug:office>/<str:lang>/challenge/", views.new_challenge, name="challenge"),
]
