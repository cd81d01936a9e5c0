"""The one bound on every date a person types (issue 15): from 1 January of settings.DATE_BOUNDS_EARLIEST_YEAR
(1990) to settings.DATE_BOUNDS_FUTURE_YEARS (30) years from today. A contract ending in 2206 or a meeting in
1026 is a typo, refused with a reason instead of saved. Services check the values they write
(`check_dates`), so pages, the CSV import and the API all obey; forms and serializers check typed fields
early (`within_bounds`), so the error is shown against the field."""

from datetime import date, datetime, timedelta
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone


def bounds(today: date | None = None) -> tuple[date, date]:
    today = today or timezone.localdate()
    latest_year = today.year + settings.DATE_BOUNDS_FUTURE_YEARS
    try:
        latest = today.replace(year=latest_year)
    except ValueError:  # 29 February, in a year that has none
        latest = date(latest_year, 2, 28)
    return date(settings.DATE_BOUNDS_EARLIEST_YEAR, 1, 1), latest


def problem(value, label: str = "The date", within: tuple[date, date] | None = None) -> str | None:
    """Why this date (or date and time) is out of bounds (`within`, else today's bounds), or None."""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, date):
        return None
    earliest, latest = within or bounds()
    if value < earliest:
        return f"{label} must be on or after {earliest.day} {earliest:%B %Y}"
    if value > latest:
        return f"{label} must be on or before {latest.day} {latest:%B %Y}"
    return None


def within_bounds(value, label: str = "The date") -> None:
    """A validator for form and serializer date fields."""
    found = problem(value, label)
    if found:
        raise ValidationError(found, code="date_out_of_bounds")


def validator(label: str):
    """within_bounds, naming the field."""

    def check(value):
        within_bounds(value, label)

    check.date_bounds = True
    return check


def check_dates(values: dict, model=None) -> None:
    """Refuse (ValidationError naming each field) any date among `values` out of bounds; a model's field
    names the date by its label."""
    errors = {}
    for name, value in values.items():
        label = "The date"
        if model is not None:
            try:
                label = str(model._meta.get_field(name).verbose_name).capitalize()
            except Exception:  # not a model field (e.g. a form's extra value): the plain label
                label = "The date"
        found = problem(value, label)
        if found:
            errors[name] = [found]
    if errors:
        raise ValidationError(errors)


# Working days and clear days -------------------------------------------------------------------------------
# Statutory periods count "clear days": neither the day the notice is given nor the day of the act counts.
# Working days skip weekends and the bank holidays of England and Wales (settings.BANK_HOLIDAYS_SUBDIVISION),
# read from the `holidays` package, which is kept up to date with one-off holidays too.


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    import holidays

    found = holidays.country_holidays("GB", subdiv=settings.BANK_HOLIDAYS_SUBDIVISION, years=year)
    return frozenset(found.keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def working_days_after(day: date, n: int) -> date:
    """The `n`th working day after `day` (`day` itself not counted; `n` = 0: `day`)."""
    found = day
    while n > 0:
        found += timedelta(days=1)
        if is_working_day(found):
            n -= 1
    return found


def clear_days_between(earlier: date, later: date) -> int:
    """Whole days between two days, neither counted: 1 to 3 May has one clear day."""
    return max((later - earlier).days - 1, 0)


def clear_working_days_between(earlier: date, later: date) -> int:
    """Working days between two days, neither counted."""
    count, day = 0, earlier + timedelta(days=1)
    while day < later:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def first_day_after_clear_days(day: date, n: int, working: bool = False) -> date:
    """The first day on which `n` clear days (working days, if `working`) have passed since `day`."""
    if not working:
        return day + timedelta(days=n + 1)
    return working_days_after(day, n) + timedelta(days=1)
