from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Commissioning plans"

    def ready(self):
        from strategies import proportionality

        from . import (
            conditions,  # the plan checklist on the Plan -> Do transition
            search,  # noqa: F401 - its records in the search
        )

        # A checklist item's threshold may apply to strategies that plan a statutory service.
        proportionality.provide(
            conditions.statutory_facts,
            annotate=conditions.with_statutory,
            facts={"statutory": "plans_statutory"},
        )
