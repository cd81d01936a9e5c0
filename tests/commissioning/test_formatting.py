"""One way to write quantities, dates and times (commissioning.formatting; issue 15: '1150number',
'65.80%' beside '65.8%', '05 December 2026', '12.29 p.m..', '1 councillor(s)')."""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from commissioning import formatting


@pytest.mark.parametrize(
    ("value", "unit", "written"),
    [
        (Decimal("1150"), "number", "1,150"),
        (Decimal("60.00"), "number", "60"),
        (Decimal("70.20"), "number", "70.2"),
        (Decimal("65.80"), "%", "65.8%"),
        (Decimal("65.8"), "percent", "65.8%"),
        (Decimal("1150"), "£", "£1,150"),
        (Decimal("12.5"), "£", "£12.50"),
        (Decimal("-300"), "£", "−£300"),
        (Decimal("12"), "days", "12 days"),
        (Decimal("1"), "days", "1 day"),
        (Decimal("3.333"), "", "3.33"),
        (Decimal("1250000"), "", "1,250,000"),
        (Decimal("0"), "%", "0%"),
        (None, "%", ""),
    ],
)
def test_a_quantity_is_written_one_way(value, unit, written):
    assert formatting.quantity(value, unit) == written


@pytest.mark.parametrize(
    ("unit", "name"),
    [("%", "Per cent (%)"), ("£", "Pounds (£)"), ("number", "Number"), ("", "Number"), ("days", "Days")],
)
def test_the_unit_names_a_chart_axis(unit, name):
    assert formatting.unit_name(unit) == name


def test_dates_and_times_in_govuk_style():
    london = ZoneInfo("Europe/London")
    assert formatting.long_date(date(2026, 12, 5)) == "5 December 2026"
    assert formatting.month(date(2026, 6, 30)) == "June 2026"
    assert formatting.clock(time(12, 29)) == "12:29pm"
    assert formatting.clock(time(10, 0)) == "10am"
    assert formatting.clock(time(0, 5)) == "12:05am"
    assert formatting.clock(time(12, 0)) == "midday"
    # An aware moment is written in the council's time: 23:30 UTC in summer is 00:30 the next day.
    moment = datetime(2026, 6, 30, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert formatting.date_time(moment) == "1 July 2026, 12:30am"
    assert formatting.weekday_date(datetime(2026, 12, 5, 9, 0, tzinfo=london)) == "Saturday 5 December 2026"
    assert formatting.plural(1, "councillor") == "1 councillor"
    assert formatting.plural(3, "councillor") == "3 councillors"


def test_the_filters_are_there_in_every_template():
    page = Template('{{ v|quantity:"number" }} {{ d|long_date }} {{ t|clock }} {{ d|date }}').render(
        Context({"v": Decimal("1150.00"), "d": date(2026, 12, 5), "t": time(12, 29)})
    )
    assert page == "1,150 5 December 2026 12:29pm 5 December 2026"
