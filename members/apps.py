from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Councillors, boards and approvals"

    def ready(self):
        from . import approvals  # noqa: F401 - registers councillors' approval as lifecycle conditions
