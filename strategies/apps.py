from django.apps import AppConfig


class StrategiesConfig(AppConfig):
    name = "strategies"
    verbose_name = "Commissioning strategies"

    def ready(self):
        from . import (  # noqa: F401
            conditions,  # the Analyse checklist
            lifecycle,
            notices,  # notices' sent time
            search,  # its records in the search
            worklist,  # checklist items in "Your tasks"
        )
        from .models import Strategy

        lifecycle.check_transitions(Strategy)  # a Transition that is not on the model fails at start-up
