from django.urls import path

from . import feeds, public_views

app_name = "hours"

# Included under /p/<office>/<language>/ like the rest of the portal.
urlpatterns = [
    path("hours/", public_views.hours, name="hours"),
    path("hours/<int:site>/", public_views.site_hours, name="site_hours"),
    path("hours/<int:site>/calendar.ics", feeds.site_feed, name="site_feed"),
    path("book/<int:rule>/<str:day>/", public_views.book, name="book"),
    path("appointment/<str:token>/", public_views.appointment, name="appointment"),
]
