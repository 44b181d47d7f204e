from django.http import HttpRequest


def portal(request: HttpRequest) -> dict:
    return {"portal": getattr(request, "portal", None)}
