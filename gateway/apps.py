from django.apps import AppConfig


class GatewayConfig(AppConfig):
    name = "gateway"
    verbose_name = "Programme gateway"

    def ready(self):
        from . import conditions, signals  # noqa: F401 - the Plan -> Do condition; rights kept in step
