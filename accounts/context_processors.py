from django.conf import settings
from django.http import HttpRequest


def staff(request: HttpRequest) -> dict:
    return {"DEMO": settings.DEMO}
