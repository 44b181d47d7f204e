from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.office, name="office"),
    path("state/", views.state, name="state"),
    path("reports/", views.run_list, name="run_list"),
    path("reports/<int:pk>/", views.run_detail, name="run_detail"),
    path("reports/<int:pk>/<str:format>/", views.run_download, name="run_download"),
    path("texts/", views.text_list, name="text_list"),
    path("texts/new/", views.text_form, name="text_create"),
    path("texts/<int:pk>/", views.text_form, name="text_edit"),
    path("texts/<int:pk>/delete/", views.text_delete, name="text_delete"),
]
