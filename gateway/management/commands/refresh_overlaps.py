"""`manage.py refresh_overlaps`: compare every live project's items with every other's and store the pairs
the overlap finder shows (for an existing install, or after loading records in bulk). The panel's decisions
are kept. Changes made through the app keep the pairs in step by themselves (gateway.overlaps)."""

import time

from django.core.management.base import BaseCommand

from gateway import overlaps


class Command(BaseCommand):
    help = "Compare every live project's outcomes, services and scope, and store the overlap finder's pairs."

    def handle(self, *args, **options):
        started = time.perf_counter()
        found = overlaps.rebuild()
        if options["verbosity"]:
            self.stdout.write(f"{found} pairs of projects found in {time.perf_counter() - started:.1f} s")
