from django.urls import path

from . import views

app_name = "dedupe"
urlpatterns = [
    path("", views.duplicate_list, name="duplicate_list"),
    path("<int:pk>/merge/<int:other>/", views.merge_pair, name="merge_pair"),
    path("merges/<int:pk>/undo/", views.merge_undo, name="merge_undo"),
]
