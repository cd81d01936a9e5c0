from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo council: `manage.py seed_demo` and its content (demo/data/*.yaml). It depends on every
    stage's app and none depends on it."""

    name = "demo"
    verbose_name = "Demo council"

    def ready(self):
        from django.core import checks

        from .system_checks import demo_password_in_use

        checks.register(demo_password_in_use, checks.Tags.database)
