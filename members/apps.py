from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Councillors, boards and approvals"

    def ready(self):
        from strategies.permissions import add_exempt_readers

        from . import (  # noqa: F401
            conditions,  # councillors' approval on the lifecycle
            search,  # its records in the search
            worklist,  # approvals, recommendations, comments, requests in "Your tasks"
        )
        from .permissions import boards_concerned

        add_exempt_readers(boards_concerned)
