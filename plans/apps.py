from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Commissioning plans"

    def ready(self):
        from . import checklist  # noqa: F401 - registers the plan checklist on the Plan -> Do transition
