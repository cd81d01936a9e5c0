from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "delivery"
    verbose_name = "Do and Review"

    def ready(self):
        from strategies.selectors import read_with_overview

        from . import (
            conditions,  # noqa: F401 - Do -> Review and Review -> Analyse follow the records
            interests,  # noqa: F401 - contracts' providers in members' conflict flags
            keydates,  # noqa: F401 - contract ends in the programme's key dates and forward plan
            search,  # noqa: F401 - contracts and KPIs in the search
            selectors,
            worklist,  # noqa: F401 - KPI actuals and contracts to recommission in "Your tasks"
        )

        # The strategy page's delivery panel: its counts read with the strategy.
        read_with_overview(selectors.with_counts)
        _strategy_parts()


def _strategy_parts():
    """The strategy's delivery and KPIs, in its sub-navigation (strategies.subnav)."""
    from django.urls import reverse

    from strategies import subnav

    subnav.part(
        "Delivery and KPIs",
        60,
        lambda s: reverse("delivery:strategy", args=[s.pk]),
        (
            "delivery:strategy",
            "delivery:contract-create",
            "delivery:kpi-create",
            "delivery:review",
            "delivery:import",
            "delivery:strategy-highlight",
            "delivery:golden-thread",
        ),
    )
