"""Working days: not a Saturday or Sunday, not a bank holiday. The bank holidays are the `holidays` package's
(a maintained source that follows the royal proclamations: substitute days, one-off holidays), for the part of
the United Kingdom in BANK_HOLIDAYS_SUBDIVISION (England by default; England and Wales share theirs)."""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.conf import settings


@lru_cache(maxsize=64)
def _bank_holidays(subdivision: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv=subdivision, years=year))


def bank_holidays(year: int) -> frozenset[date]:
    return _bank_holidays(settings.BANK_HOLIDAYS_SUBDIVISION, year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def clear_working_days_between(first: date, last: date) -> int:
    """The working days strictly after `first` and strictly before `last` ("clear" days: neither end counts)."""
    day, count = first + timedelta(days=1), 0
    while day < last:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def latest_day_with_clear_days_before(day: date, clear_days: int) -> date:
    """The last day on which something can be done with `clear_days` whole working days between it and `day`:
    the day before the earliest of the `clear_days` working days counted back from the day before `day`."""
    counted, earliest = 0, day
    while counted < clear_days:
        earliest -= timedelta(days=1)
        counted += is_working_day(earliest)
    return earliest - timedelta(days=1)
