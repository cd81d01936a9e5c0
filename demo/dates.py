"""The demo council's calendar: the days a council can sit, the period ends a KPI is reported on, and
contract terms in whole years. Shared by the seeders and `manage.py check_demo`, so the demo is built and
checked against the same rules."""

import re
from datetime import date, timedelta
from functools import cache

from dateutil.easter import easter
from dateutil.relativedelta import MO, relativedelta

# Councils do not meet between Christmas Eve and 2 January, whatever the weekday.
CHRISTMAS_BREAK = ((12, 24), (1, 2))
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}
# "a three-year contract", "for two years", "a 4-year framework"
N_YEARS = re.compile(r"\b(one|two|three|four|five|six|seven|ten|\d+)[- ]years?\b", re.IGNORECASE)


def _substitute(day: date, taken: set) -> date:
    """A bank holiday on a weekend moves to the next weekday not already a holiday."""
    while day.weekday() >= 5 or day in taken:
        day += timedelta(days=1)
    return day


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales's regular bank holidays (Banking and Financial Dealings Act 1971, Schedule 1, and
    the royal proclamations that fix the May and August Mondays). One-off holidays are not included."""
    days: set[date] = set()
    days.add(_substitute(date(year, 1, 1), days))
    good_friday = easter(year) - timedelta(days=2)
    days |= {good_friday, good_friday + timedelta(days=3)}
    days.add(date(year, 5, 1) + relativedelta(weekday=MO(+1)))  # early May
    days.add(date(year, 5, 31) + relativedelta(weekday=MO(-1)))  # spring
    days.add(date(year, 8, 31) + relativedelta(weekday=MO(-1)))  # summer
    christmas = _substitute(date(year, 12, 25), days)
    days.add(christmas)
    days.add(_substitute(date(year, 12, 26), days))
    return frozenset(days)


def is_sitting_day(day: date) -> bool:
    """A weekday, not a bank holiday, not in the Christmas break."""
    if day.weekday() >= 5 or day in bank_holidays(day.year):
        return False
    (start_month, start_day), (end_month, end_day) = CHRISTMAS_BREAK
    return not (
        (day.month, day.day) >= (start_month, start_day) or (day.month, day.day) <= (end_month, end_day)
    )


def sitting_day(day: date, backwards: bool = False) -> date:
    """`day`, or the nearest sitting day after it (before it, if `backwards`)."""
    step = timedelta(days=-1 if backwards else 1)
    while not is_sitting_day(day):
        day += step
    return day


def years_later(start: date, years: int) -> date:
    """The last day of a term of `years` whole years from `start`."""
    return start + relativedelta(years=years) - timedelta(days=1)


def term_months(start: date, end: date) -> float:
    """A term's length in months: whole months when it ends the day before an anniversary of its start."""
    delta = relativedelta(end + timedelta(days=1), start)
    return delta.years * 12 + delta.months + delta.days / 31


def years_in_title(title: str) -> int | None:
    """The N of "an N-year contract" or "for N years" in a title, if it says one."""
    found = N_YEARS.search(title)
    if not found:
        return None
    word = found.group(1).lower()
    return int(word) if word.isdigit() else NUMBERS[word]


def financial_year_end(day: date) -> date:
    """31 March of the financial year that `day` falls in."""
    return date(day.year + (day.month > 3), 3, 31)
