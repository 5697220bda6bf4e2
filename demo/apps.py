from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data set; it sits above every app and no app imports it."""

    name = "demo"
    verbose_name = "Demo data"
