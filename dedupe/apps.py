from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DedupeConfig(AppConfig):
    name = "dedupe"
    verbose_name = _("Duplicate persons")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
