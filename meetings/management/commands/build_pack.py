"""Build a meeting's pack to a file through the same code as the Celery job, without the web or the queue."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings import packs
from meetings.models import Meeting, PackPart


class Command(BaseCommand):
    help = "Build a meeting's pack as a PDF file: build_pack MEETING_ID --output FILE.pdf"

    def add_arguments(self, parser):
        parser.add_argument("meeting_id", type=int)
        parser.add_argument("--output", required=True, help="Where to write the PDF.")
        parser.add_argument(
            "--part",
            choices=PackPart.values,
            default=PackPart.PUBLIC,
            help="The public pack (default) or the confidential pack of exempt items.",
        )

    def handle(self, *args, meeting_id, output, part, **options):
        meeting = Meeting.objects.select_related("board").filter(pk=meeting_id).first()
        if meeting is None:
            raise CommandError(f"There is no meeting {meeting_id}.")
        if part == PackPart.CONFIDENTIAL and not meeting.items.filter(confidential=True).exists():
            raise CommandError(f"{meeting} has no exempt items, so it has no confidential pack.")
        started = time.monotonic()
        pdf, pages = packs.build_file(meeting, part, with_pages=True)  # counted as laid out, not read back
        Path(output).write_bytes(pdf)
        self.stdout.write(
            f"{meeting}: {PackPart(part).label.lower()}, {pages} pages, {len(pdf) / 1024:.0f} KB, "
            f"{time.monotonic() - started:.1f} s, written to {output}"
        )
