"""How numbers, units, dates and times are written, once for the whole app (pages, packs, mail, CSV labels):
GOV.UK style — '5 December 2026', '12:29pm', '1,150', '65.8%', '£1,150', '12 days'.

A KPI's unit is free text ('%', 'number', 'days'); the words that mean a plain count or a percentage are
never glued to the number ('1150number' was shown before)."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone

PERCENT_UNITS = {"%", "percent", "per cent", "percentage", "percentages"}
POUND_UNITS = {"£", "pounds", "pound", "gbp", "£s"}
COUNT_UNITS = {"", "number", "numbers", "count", "no.", "no", "#"}
# Units written as a word after the number, singular when the number is 1 ('1 day', '2 days').
SINGULAR = {"days": "day", "weeks": "week", "months": "month", "hours": "hour", "minutes": "minute"}


def _kind(unit: str) -> str:
    key = (unit or "").strip().lower()
    if key in PERCENT_UNITS:
        return "percent"
    if key in POUND_UNITS:
        return "pounds"
    if key in COUNT_UNITS:
        return "count"
    return "word"


def number(value) -> str:
    """At most two decimal places, no trailing zeros, thousands separated: 12.50 → '12.5',
    1150 → '1,150', 65.80 → '65.8'."""
    try:
        text = f"{Decimal(value).quantize(Decimal('0.01')):,.2f}"
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def quantity(value, unit: str = "") -> str:
    """A value with its unit: '65.8%', '£1,150', '1,150' (a count), '12 days'. Empty for None."""
    if value is None or value == "":
        return ""
    kind = _kind(unit)
    text = number(value)
    if kind == "percent":
        return f"{text}%"
    if kind == "pounds":
        sign, digits = ("−", text[1:]) if text.startswith("-") else ("", text)
        if "." in digits and len(digits.split(".")[1]) == 1:
            digits += "0"  # pence always two digits: £12.50
        return f"{sign}£{digits}"
    if kind == "count":
        return text
    word = unit.strip()
    if Decimal(value) == 1:
        word = SINGULAR.get(word.lower(), word)
    return f"{text} {word}"


def unit_name(unit: str) -> str:
    """What a chart's value axis measures: 'Per cent (%)', 'Pounds (£)', 'Number', 'Days'."""
    kind = _kind(unit)
    if kind == "percent":
        return "Per cent (%)"
    if kind == "pounds":
        return "Pounds (£)"
    if kind == "count":
        return "Number"
    return unit.strip()[:1].upper() + unit.strip()[1:]


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def long_date(value) -> str:
    """'5 December 2026' (never '05 December 2026')."""
    if not value:
        return ""
    value = _local(value)
    return f"{value.day} {value:%B %Y}"


def month(value) -> str:
    """'June 2026': a reporting period."""
    if not value:
        return ""
    return f"{_local(value):%B %Y}"


def short_month(value) -> str:
    """'Jun 2026': a period on a chart's axis, where space is short."""
    if not value:
        return ""
    return f"{_local(value):%b %Y}"


def clock(value) -> str:
    """'12:29pm', '9am' (GOV.UK style: no dots, no leading zero, minutes only when not on the hour)."""
    if not value:
        return ""
    value = _local(value)
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def date_time(value) -> str:
    """'5 December 2026, 12:29pm'."""
    if not value:
        return ""
    if not isinstance(value, datetime) and isinstance(value, date):
        return long_date(value)
    return f"{long_date(value)}, {clock(value)}"


def weekday_date(value) -> str:
    """'Saturday 5 December 2026'."""
    if not value:
        return ""
    return f"{_local(value):%A} {long_date(value)}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 councillor', '2 councillors' — never 'councillor(s)'."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {word}"
