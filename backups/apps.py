from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """Backups of the database and the uploaded files, and their restore (`manage.py backup`, `restore`;
    `make backup`, `make restore`). No models and no pages: a backup is a folder on disk."""

    name = "backups"
