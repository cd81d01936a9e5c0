from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Councillors, boards and approvals"

    def ready(self):
        from commissioning import notifications
        from strategies.permissions import add_exempt_readers

        from . import (  # noqa: F401
            conditions,  # councillors' approval on the lifecycle
            reminders,  # approvals and responses due, reminded by the beat
            search,  # its records in the search
            worklist,  # approvals, recommendations, comments, requests in "Your tasks"
        )
        from .permissions import boards_concerned

        add_exempt_readers(boards_concerned)
        notifications.register_kind("comment", "Scrutiny comments and replies on your strategies")
        notifications.register_kind("approval", "Approvals asked of you and decided")
        notifications.register_kind("recommendation", "Scrutiny recommendations and responses")
        notifications.register_kind("call-in", "Call-ins of decisions", safety=True)
