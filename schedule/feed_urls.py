from django.urls import path

from . import calendar_views

app_name = "feeds"

# No login: the secret in the address is the key (see FeedToken).
urlpatterns = [
    path("<str:token>.ics", calendar_views.staff_feed, name="staff_feed"),
]
