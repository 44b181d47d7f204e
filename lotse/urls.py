from django.urls import include, path
from django.views.i18n import set_language

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("accounts.urls")),
    path("", include("cases.urls")),
    path("clients/duplicates/", include("dedupe.urls")),
    path("clients/", include("clients.urls")),
    path("partners/", include("directory.urls")),
    path("statistics/", include("reports.urls")),
    path("office/portal/", include("portal.staff_urls")),
    path("office/pages/", include("pages.staff_urls")),
    path("hours/", include("schedule.urls")),
    path("mediators/", include("mediators.urls")),
    path("guidance/", include("guidance.urls")),
    path("accommodation/", include("housing.urls")),
    path("privacy/", include("privacy.urls")),
    path("calendar/", include("schedule.feed_urls")),
    # The public portal: /p/<office>/<language>/...
    path("p/", include("portal.urls")),
    path("p/<slug:office>/<str:lang>/", include("pages.public_urls")),
    path("p/<slug:office>/<str:lang>/", include("schedule.public_urls")),
]
