from django.apps import AppConfig


class CommissioningConfig(AppConfig):
    name = "commissioning"
    verbose_name = "Commissioning (shared)"

    def ready(self):
        from . import middleware  # noqa: F401 - connects the sign-in stamp for session limits
