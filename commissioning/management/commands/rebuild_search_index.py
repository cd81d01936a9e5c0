"""Index every searchable record again (commissioning.search): after upgrading to the release that added
search, or after records were changed without save() (a bulk update or a raw import)."""

from django.core.management.base import BaseCommand

from commissioning import search


class Command(BaseCommand):
    help = "Rebuild the search index from the records."

    def handle(self, *args, **options):
        count = search.rebuild()
        self.stdout.write(f"{count} records indexed.")
