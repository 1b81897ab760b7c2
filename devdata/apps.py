from django.apps import AppConfig


class DevdataConfig(AppConfig):
    """Development only: `manage.py generate_national_data`, a country's worth of cooperations for
    performance work. Never installed in production: settings add it with DEBUG on, and the tests and
    the benchmark (bench/settings.py) add it themselves. No models."""

    name = "devdata"
