from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Commissioning plans"

    def ready(self):
        from . import (
            conditions,  # noqa: F401 - the plan checklist on the Plan -> Do transition
            search,  # noqa: F401 - its records in the search
        )
