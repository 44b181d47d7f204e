from django.apps import AppConfig


class BackupsConfig(AppConfig):
    # No verbose name: the app has no models and nothing a user sees; its
    # commands are operators' tools.
    name = "backups"
