from django.apps import AppConfig


class StrategiesConfig(AppConfig):
    name = "strategies"
    verbose_name = "Commissioning strategies"

    def ready(self):
        from . import conditions, lifecycle, notices  # noqa: F401 - the Analyse checklist; notices' sent time
        from .models import Strategy

        lifecycle.check_transitions(Strategy)  # a Transition that is not on the model fails at start-up
