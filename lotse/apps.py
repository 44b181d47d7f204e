from django.apps import AppConfig


class LotseConfig(AppConfig):
    """The project itself, as an app only for its system checks."""

    name = "lotse"
    verbose_name = "Lotse"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers them)
