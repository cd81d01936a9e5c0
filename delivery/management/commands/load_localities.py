"""Load wards or localities from an ONS code list saved as CSV (for example the "Ward to Local Authority
District Lookup" from the ONS Open Geography Portal): its code column (ending CD, like WD24CD) and name
column (ending NM, like WD24NM). Safe to run again: a code already loaded has its name updated.

    manage.py load_localities wards.csv --prefix WD24 --kind ward [--within E07000136]
"""

from django.core.management.base import BaseCommand, CommandError

from delivery import services
from delivery.models import Locality


class Command(BaseCommand):
    help = "Load wards or localities (ONS code and name) from a CSV code list."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--prefix", default="", help="The columns' prefix, e.g. WD24 (default: the first *CD)"
        )
        parser.add_argument("--kind", default=Locality.Kind.WARD, choices=Locality.Kind.values)
        parser.add_argument(
            "--within", default="", help="Only rows whose other *CD columns include this code"
        )

    def handle(self, path, prefix="", kind=Locality.Kind.WARD, within="", **options):
        try:
            with open(path, encoding="utf-8-sig") as file:
                text = file.read()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            loaded = services.load_localities(text=text, prefix=prefix, kind=kind, within=within)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Loaded {loaded} localit{'y' if loaded == 1 else 'ies'}.")
