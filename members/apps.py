from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Councillors, boards and approvals"

    def ready(self):
        from . import conditions  # noqa: F401 - councillors' approval on the lifecycle
