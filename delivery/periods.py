"""The reporting calendar of KPI actuals (issue 15): which days end a period of a monthly, quarterly or
annual KPI, which periods have ended, and which are due since a date.

Quarters and years follow the council's financial year (settings.FINANCIAL_YEAR_START_MONTH, April in
English local government): a quarterly KPI reports for quarters ending 30 June, 30 September, 31 December
and 31 March; an annual one for the year ending 31 March."""

import calendar
import functools
from datetime import date

from django.conf import settings


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def closing_months(frequency: str) -> frozenset[int]:
    """The months whose last day ends a period of this frequency (a frequency not known: annual)."""
    return _months(frequency, settings.FINANCIAL_YEAR_START_MONTH)


@functools.cache
def _months(frequency: str, start: int) -> frozenset[int]:
    if frequency == "monthly":
        return frozenset(range(1, 13))
    step = 3 if frequency == "quarterly" else 12
    return frozenset((start - 2 + step * n) % 12 + 1 for n in range(1, 12 // step + 1))


def is_period_end(frequency: str, day: date) -> bool:
    return day == _month_end(day.year, day.month) and day.month in closing_months(frequency)


def noun(frequency: str) -> str:
    """What one period of this frequency is called: 'quarter'."""
    return {"monthly": "month", "quarterly": "quarter", "annual": "year"}.get(frequency, "period")


def label(frequency: str, period_end: date) -> str:
    """'quarter ending 30 September 2026': the period as the council names it."""
    return f"{noun(frequency)} ending {period_end.day} {period_end:%B %Y}"


def calendar_hint(frequency: str) -> str:
    """Which days a period of this frequency ends on, in words."""
    if frequency == "monthly":
        return "the last day of a month"
    months = sorted(closing_months(frequency))
    names = [_month_end(2001, m).strftime("%d %B").lstrip("0") for m in months]
    return " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def problem(frequency: str, period_end: date, today: date) -> str | None:
    """Why an actual cannot be recorded for this period of a KPI reported at `frequency`, or None."""
    if period_end > today:
        return (
            f"Period {period_end.isoformat()} has not ended yet: record an actual once its period has ended"
        )
    if not is_period_end(frequency, period_end):
        return (
            f"Period {period_end.isoformat()} is not a {noun(frequency)} end for this {frequency} KPI: "
            f"use {calendar_hint(frequency)}"
        )
    return None


def due(frequency: str, since: date, today: date) -> list[date]:
    """The ends of the periods that ended after `since` and on or before `today`, oldest first."""
    months = closing_months(frequency)
    found = []
    year, month = since.year, since.month
    while True:
        end = _month_end(year, month)
        if end > today:
            return found
        if end > since and month in months:
            found.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def latest(frequency: str, today: date) -> date:
    """The end of the latest period that has ended."""
    return due(frequency, date(today.year - 2, today.month, 1), today)[-1]
