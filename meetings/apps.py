from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings, agendas and packs"

    def ready(self):
        from . import items
        from .models import AgendaItemKind

        items.check(AgendaItemKind)  # a kind stored but not reported on (or the reverse) stops start-up
