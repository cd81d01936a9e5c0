"""The statutory timetable of a meeting's agenda: it is open to the public at least AGENDA_NOTICE_CLEAR_DAYS
clear working days before the meeting (Local Government Act 1972 s.100B(3); "clear days" count neither the day
it is published nor the day of the meeting, and weekends and bank holidays are not working days). An agenda or
a supplement published later is lawful only as a matter of urgency, with the chair's reasons (s.100B(4)(b)),
which are recorded with the publication and shown on the public agenda."""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.utils import timezone

from commissioning.workingdays import clear_working_days_between, latest_day_with_clear_days_before


def deadline(meeting) -> date:
    """The last day the agenda can be published on time (any time that day)."""
    day = timezone.localtime(meeting.starts_at).date()
    return latest_day_with_clear_days_before(day, settings.AGENDA_NOTICE_CLEAR_DAYS)


@dataclass(frozen=True)
class Timing:
    deadline: date
    clear_days: int  # the clear working days between publishing (now) and the meeting
    required: int

    @property
    def late(self) -> bool:
        return self.clear_days < self.required


def timing(meeting, at: datetime | None = None) -> Timing:
    """Where publishing at `at` (now) stands against the meeting's deadline."""
    published_on = timezone.localtime(at or timezone.now()).date()
    meets_on = timezone.localtime(meeting.starts_at).date()
    return Timing(
        deadline=deadline(meeting),
        clear_days=clear_working_days_between(published_on, meets_on),
        required=settings.AGENDA_NOTICE_CLEAR_DAYS,
    )
