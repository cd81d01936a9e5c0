from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings, agendas and packs"

    def ready(self):
        from celery.signals import worker_process_init

        from members import settled
        from strategies.permissions import add_exempt_readers

        from . import (
            items,
            search,  # noqa: F401 - its records in the search
            selectors,
            worklist,  # noqa: F401 - meetings to prepare and agendas to publish in "Your tasks"
        )
        from .models import AgendaItemKind
        from .permissions import exempt_on_agenda

        # Each Celery worker process readies itself for pack builds as it starts, not in a build's time.
        worker_process_init.connect(_ready_for_packs, weak=False, dispatch_uid="meetings-packs-warm")
        items.check(AgendaItemKind)  # a kind stored but not reported on (or the reverse) stops start-up
        add_exempt_readers(exempt_on_agenda)
        settled.source(selectors.settlements)  # an approval settled at a meeting names it


def _ready_for_packs(**kwargs):
    from . import packs

    packs.warm()
