from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduleConfig(AppConfig):
    name = "schedule"
    verbose_name = _("Consultation hours and appointments")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from portal.cache import bump

        from .models import Appointment, Cancellation, HoursRule, OutreachEvent, Room

        # What the portal's cached hours pages show (portal/cache.py); an
        # appointment changes whether free times are left.
        for model in (HoursRule, Cancellation, OutreachEvent, Appointment, Room):
            post_save.connect(bump, sender=model, dispatch_uid=f"hours-{model}")
            post_delete.connect(bump, sender=model, dispatch_uid=f"hours-d-{model}")
