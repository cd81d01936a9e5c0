from django.apps import AppConfig


class GatewayConfig(AppConfig):
    name = "gateway"
    verbose_name = "Programme gateway"

    def ready(self):
        from commissioning import parts
        from strategies import lifecycle, proportionality

        from . import (  # noqa: F401
            assessment,  # key project status, read with a list's strategies for its checklists
            conditions,  # the Plan -> Do condition
            overlaps,
            reminders,  # actions and conditions due, reminded by the beat
            search,  # its records in the search
            signals,  # rights kept in step
            worklist,  # actions, conditions and reviews in "Your tasks"
        )

        # The overlap finder compares an item again when it changes, and a strategy's items when it moves on.
        for model in (overlaps.Outcome, overlaps.PlannedService, overlaps.ScopeItem):
            parts.watch(model, overlaps.item_changed)
        lifecycle.on_transition(overlaps.strategy_moved)
        # A checklist item's threshold is judged on the strategy's value and key project status.
        proportionality.provide(
            conditions.key_facts,
            annotate=assessment.with_key_status,
            facts={"annual_value": "key_value", "key_project": "key_project"},
        )
