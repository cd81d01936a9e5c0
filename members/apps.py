from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Councillors, boards and approvals"

    def ready(self):
        from commissioning import notifications
        from strategies.permissions import add_exempt_readers
        from strategies.selectors import read_with_overview

        from . import (  # noqa: F401
            conditions,  # councillors' approval on the lifecycle
            reminders,  # approvals and responses due, reminded by the beat
            search,  # its records in the search
            worklist,  # approvals, recommendations, comments, requests in "Your tasks"
        )
        from .permissions import boards_concerned
        from .selectors import with_scrutiny

        add_exempt_readers(boards_concerned)
        # The strategy page's councillors' panel: its referral and comments read with the strategy.
        read_with_overview(with_scrutiny)
        notifications.register_kind("comment", "Scrutiny comments and replies on your strategies")
        notifications.register_kind("approval", "Approvals asked of you and decided")
        notifications.register_kind("recommendation", "Scrutiny recommendations and responses")
        notifications.register_kind("call-in", "Call-ins of decisions", safety=True)
        _strategy_parts()


def _strategy_parts():
    """The strategy's approvals and scrutiny, in its sub-navigation (strategies.subnav)."""
    from django.urls import reverse

    from strategies import subnav

    subnav.part(
        "Approvals",
        40,
        lambda s: reverse("members:strategy-approvals", args=[s.pk]),
        (
            "members:strategy-approvals",
            "members:request-approval",
            "members:request-plan-approval",
            "members:forward-plan-add",
            "members:forward-plan-add-plan",
            "members:assign",
        ),
    )
    subnav.part(
        "Scrutiny",
        50,
        lambda s: reverse("members:scrutiny", args=[s.pk]),
        ("members:scrutiny", "members:comment", "members:recommend"),
    )
