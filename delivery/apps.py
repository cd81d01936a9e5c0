from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "delivery"
    verbose_name = "Do and Review"

    def ready(self):
        from . import (
            conditions,  # noqa: F401 - Do -> Review and Review -> Analyse follow the records
            interests,  # noqa: F401 - contracts' providers in members' conflict flags
            keydates,  # noqa: F401 - contract ends in the programme's key dates and forward plan
            search,  # noqa: F401 - contracts and KPIs in the search
            worklist,  # noqa: F401 - KPI actuals and contracts to recommission in "Your tasks"
        )
