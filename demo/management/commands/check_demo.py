"""`manage.py check_demo`: check that the seeded demo council tells one consistent story as of today
(demo/checks.py): prints each violation and exits non-zero if there is any."""

from django.core.management.base import BaseCommand, CommandError

from demo import checks


class Command(BaseCommand):
    help = "Check the demo council's story (dates, calendars, meetings, contracts, KPIs, agendas, approvals)."

    def handle(self, *args, **options):
        violations = checks.all_violations()
        for violation in violations:
            self.stdout.write(violation)
        if violations:
            raise CommandError(f"{len(violations)} violations of the demo's story.")
        self.stdout.write(self.style.SUCCESS("The demo council tells one consistent story."))
