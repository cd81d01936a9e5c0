"""The one bound on every date a person types (issue 15): from 1 January of settings.DATE_BOUNDS_EARLIEST_YEAR
(1990) to settings.DATE_BOUNDS_FUTURE_YEARS (30) years from today. A contract ending in 2206 or a meeting in
1026 is a typo, refused with a reason instead of saved. Services check the values they write
(`check_dates`), so pages, the CSV import and the API all obey; forms and serializers check typed fields
early (`within_bounds`), so the error is shown against the field."""

from datetime import date, datetime

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
