from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Public portal"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from accounts.models import Municipality, Office, Site
        from cases.models import Topic
        from pages.models import Page, PageText

        from .cache import bump

        # Everything the portal's cached pages show (portal/cache.py).
        for model in (Office, Site, Municipality, Topic, Page, PageText):
            post_save.connect(bump, sender=model, dispatch_uid=f"portal-{model}")
            post_delete.connect(bump, sender=model, dispatch_uid=f"portal-d-{model}")
