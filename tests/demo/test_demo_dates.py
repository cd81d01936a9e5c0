"""The demo's calendar (demo/dates.py): England and Wales's bank holidays, the days a council sits, KPI
period ends, and terms in whole years; and the boards' meeting days, whatever day the demo is seeded."""

from datetime import date, timedelta

import pytest

from delivery import periods
from demo import content, dates, seed_meetings


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (
            2026,
            ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],  # Boxing Day a Saturday
        ),
        (
            2027,
            ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"],  # both on a weekend
        ),
        (
            2022,
            ["01-03", "04-15", "04-18", "05-02", "05-30", "08-29", "12-26", "12-27"],
        ),  # 1 January a Saturday
    ],
)
def test_bank_holidays_in_england_and_wales(year, expected):
    assert sorted(dates.bank_holidays(year)) == [date.fromisoformat(f"{year}-{md}") for md in expected]


@pytest.mark.parametrize(
    ("day", "sits"),
    [
        ("2026-12-23", True),  # the Wednesday before the break
        ("2026-12-24", False),  # the break starts
        ("2027-01-01", False),
        ("2027-01-04", True),  # the Monday after it ends on 2 January
        ("2026-12-05", False),  # a Saturday
        ("2026-12-06", False),  # a Sunday
        ("2027-03-26", False),  # Good Friday
        ("2027-03-30", True),  # the Tuesday after Easter Monday
    ],
)
def test_sitting_days(day, sits):
    assert dates.is_sitting_day(date.fromisoformat(day)) is sits


def test_sitting_day_moves_forward_or_back():
    assert dates.sitting_day(date(2026, 12, 26)) == date(2027, 1, 4)
    assert dates.sitting_day(date(2026, 12, 26), backwards=True) == date(2026, 12, 23)


def test_period_ends_on_each_calendar():
    start, until = date(2026, 2, 15), date(2027, 4, 30)
    assert periods.due("quarterly", start, until) == [
        date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31), date(2027, 3, 31)
    ]  # fmt: skip
    assert periods.due("annual", start, until) == [date(2026, 3, 31), date(2027, 3, 31)]
    monthly = periods.due("monthly", start, until)
    assert monthly[0] == date(2026, 2, 28) and monthly[-1] == date(2027, 4, 30) and len(monthly) == 15
    # A period ending on the day delivery starts is not one of its periods; one ending on `until` is.
    assert periods.due("quarterly", date(2026, 6, 30), date(2026, 9, 30)) == [date(2026, 9, 30)]


def test_terms_in_whole_years_and_titles():
    assert dates.years_later(date(2026, 11, 6), 3) == date(2029, 11, 5)
    assert dates.term_months(date(2026, 11, 6), date(2029, 11, 5)) == 36
    assert dates.term_months(date(2026, 11, 6), date(2027, 3, 5)) < 12
    assert dates.years_in_title("Three-year contract with payment linked to jobs created") == 3
    assert dates.years_in_title("Extend the current contract for two years") == 2
    assert dates.years_in_title("A 4-year framework") == 4
    assert dates.years_in_title("Supported living framework in four locality lots") is None
    assert dates.financial_year_end(date(2026, 12, 5)) == date(2027, 3, 31)
    assert dates.financial_year_end(date(2026, 3, 31)) == date(2026, 3, 31)


@pytest.mark.parametrize("offset", range(0, 366, 7))
def test_meeting_days_are_sitting_days_either_side_of_any_day_of_seeding(offset):
    today = date(2026, 1, 1) + timedelta(days=offset)
    for board in content.load("meetings")["schedule"]:
        past, coming = seed_meetings.meeting_days(board, today)
        assert all(dates.is_sitting_day(day) and day < today for day in past), board
        assert dates.is_sitting_day(coming) and coming > today, board
