"""The statutory timetable (Local Government Act 1972 s.100B): an agenda is public five clear working days
before its meeting, neither the day of publication nor the day of the meeting counted, weekends and England and
Wales bank holidays skipped (from the `holidays` package)."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from commissioning.workingdays import clear_working_days_between, is_working_day
from meetings import timetable
from meetings.models import Meeting


def meeting_on(day: date, hour: int = 14) -> Meeting:
    return Meeting(starts_at=timezone.make_aware(datetime.combine(day, time(hour))), venue="Chamber")


def at(day: date, hour: int = 9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def test_bank_holidays_come_from_the_holidays_package():
    assert not is_working_day(date(2027, 3, 26))  # Good Friday
    assert not is_working_day(date(2027, 3, 29))  # Easter Monday
    assert not is_working_day(date(2027, 12, 27))  # Christmas Day on a Saturday: its substitute Monday
    assert not is_working_day(date(2027, 3, 27))  # a Saturday
    assert is_working_day(date(2027, 3, 25))


@pytest.mark.parametrize(
    ("meeting", "deadline"),
    [
        # A Thursday meeting: Wed 17, Tue 16, Mon 15, Fri 12, Thu 11 are the clear days: publish by Wed 10.
        (date(2027, 2, 18), date(2027, 2, 10)),
        # A Monday meeting: Mon to Fri of the week before are the clear days; publishing on the Sunday before
        # them still leaves five.
        (date(2027, 2, 22), date(2027, 2, 14)),
        # The Easter week: Good Friday and Easter Monday are not clear working days, so a week earlier.
        (date(2027, 3, 31), date(2027, 3, 21)),
        # Christmas: the 27th and 28th are substitute bank holidays.
        (date(2027, 12, 31), date(2027, 12, 21)),
    ],
)
def test_the_deadline_leaves_five_clear_working_days(meeting, deadline):
    found = timetable.deadline(meeting_on(meeting))
    assert found == deadline
    assert clear_working_days_between(found, meeting) == 5
    assert clear_working_days_between(found + timezone.timedelta(days=1), meeting) < 5


def test_publishing_on_the_deadline_is_on_time_and_the_day_after_is_late():
    meeting = meeting_on(date(2027, 2, 18))
    on_time = timetable.timing(meeting, at(date(2027, 2, 10), 23))
    assert (on_time.clear_days, on_time.late) == (5, False)
    late = timetable.timing(meeting, at(date(2027, 2, 11), 0))
    assert (late.clear_days, late.late) == (4, True)


def test_in_a_bank_holiday_week_the_holiday_is_not_a_clear_day():
    meeting = meeting_on(date(2027, 3, 31))  # the Wednesday after Easter
    # Published on Tuesday 23 March: Wed 24, Thu 25, Tue 30 are the only clear working days.
    assert timetable.timing(meeting, at(date(2027, 3, 23))).clear_days == 3
    assert timetable.timing(meeting, at(date(2027, 3, 22))).clear_days == 4
    assert timetable.timing(meeting, at(date(2027, 3, 22))).late


def test_the_number_of_days_is_the_councils_to_set(settings):
    settings.AGENDA_NOTICE_CLEAR_DAYS = 3
    assert timetable.deadline(meeting_on(date(2027, 2, 18))) == date(
        2027, 2, 14
    )  # Mon 15, Tue 16, Wed 17 clear
