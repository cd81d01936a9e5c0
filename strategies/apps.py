from django.apps import AppConfig


class StrategiesConfig(AppConfig):
    name = "strategies"
    verbose_name = "Commissioning strategies"

    def ready(self):
        from . import checklist  # noqa: F401 - registers the Analyse checklist as a lifecycle condition
        from . import notices  # noqa: F401 - records when a transition's notice was sent
