"""The project's URLs and one bare Django view: what Django costs by itself."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello")


urlpatterns = [
    path("bench-hello/", hello),
    path("", include("lotse.urls")),
]
