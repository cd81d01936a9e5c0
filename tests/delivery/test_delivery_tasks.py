"""Do and Review's tasks, worked out, ordered and cut to the page in SQL (delivery.worklist).

The "KPI actual due" tasks (delivery.worklist.kpi_actuals) say what the reporting
calendar (delivery.periods) says: for KPIs of every frequency, with and without actuals, made near midnight
and at month ends, on the boundary days of the grace period and of the horizon, under another financial
year, the tasks, their order, their count and the first few are those the calendar gives, task by task."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from commissioning import roles
from delivery import periods
from delivery.models import Contract, Kpi, Measurement
from delivery.worklist import contracts_to_recommission, kpi_actuals
from plans.models import Channel, CommissioningPlan, DeliveryOption, OptionsAppraisal
from strategies.models import Stage, Strategy

from .. import factories

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
GRACE, HORIZON = 20, 30


def expected(kpis, today):
    """The tasks as the calendar gives them, one KPI at a time in Python: the rule the SQL must keep."""
    horizon = today + timedelta(days=HORIZON)
    tasks = []
    for kpi in kpis:
        last = kpi.measurements.order_by("-period_end").values_list("period_end", flat=True).first()
        since = last or kpi.created_at.astimezone(LONDON).date()
        ends = periods.due(kpi.frequency, since, horizon)
        if not ends or ends[0] + timedelta(days=GRACE) > horizon:
            continue
        late = [end for end in ends if end + timedelta(days=GRACE) < today]
        more = f" and {len(late) - 1} earlier period{'s' if len(late) > 2 else ''}" if len(late) > 1 else ""
        title = (
            f"Record the actual of '{kpi.name}' ({kpi.strategy.reference}) "
            f"for {periods.label(kpi.frequency, ends[0])}{more}"
        )
        tasks.append((ends[0] + timedelta(days=GRACE), title, f"{kpi.get_absolute_url()}#actuals"))
    return sorted(tasks, key=lambda task: (task[0], task[1]))


def found(user, today, limit=None):
    tasks, count = kpi_actuals(user, today).first(limit)
    return [(task.due, task.title, task.url) for task in tasks], count


def _made(kpi, day, at=time(12)):
    Kpi.objects.filter(pk=kpi.pk).update(created_at=datetime.combine(day, at, tzinfo=LONDON))


@pytest.fixture
def council():
    commissioner = factories.user(roles.COMMISSIONER, username="kt-commissioner")
    other = factories.user(roles.COMMISSIONER, username="kt-other")
    doing = factories.strategy(commissioner=commissioner, title="Family support")
    reviewing = factories.strategy(commissioner=other, title="Short breaks")
    reviewing.commissioners.add(commissioner)  # a co-commissioner's strategy is theirs too
    planning = factories.strategy(commissioner=commissioner, title="Not yet delivering")
    theirs = factories.strategy(commissioner=other, title="Someone else's")
    Strategy.objects.filter(pk__in=[doing.pk, theirs.pk]).update(stage=Stage.DO)
    Strategy.objects.filter(pk=reviewing.pk).update(stage=Stage.REVIEW)
    Strategy.objects.filter(pk=planning.pk).update(stage=Stage.PLAN)
    made = [
        # (strategy, name, frequency, made on, made at, latest actual)
        (doing, "Families seen", "quarterly", date(2025, 1, 10), time(12), None),
        (doing, "Visits within 5 days", "monthly", date(2026, 5, 31), time(0, 30), None),  # 23:30 UTC
        (doing, "Carers assessed", "monthly", date(2026, 1, 15), time(12), date(2026, 10, 31)),
        (doing, "Children in need", "quarterly", date(2024, 3, 1), time(12), date(2026, 6, 30)),
        (doing, "Annual survey", "annual", date(2024, 6, 1), time(12), None),
        (doing, "Placements stable", "annual", date(2024, 6, 1), time(12), date(2026, 3, 31)),
        (reviewing, "Short breaks used", "monthly", date(2026, 9, 30), time(23, 59), None),
        (reviewing, "Waiting list", "quarterly", date(2026, 9, 30), time(12), None),
        (reviewing, "Unknown calendar", "fortnightly", date(2025, 2, 1), time(12), None),
        (planning, "Not delivering yet", "monthly", date(2025, 1, 1), time(12), None),
        (theirs, "Not theirs", "monthly", date(2025, 1, 1), time(12), None),
    ]
    kpis = []
    for strategy, name, frequency, day, at, last in made:
        kpi = Kpi.objects.create(strategy=strategy, name=name, frequency=frequency, target=Decimal("1"))
        _made(kpi, day, at)
        if last:
            Measurement.objects.create(kpi=kpi, period_end=last, value=Decimal("1"), recorded_by=commissioner)
            Measurement.objects.create(
                kpi=kpi, period_end=last - timedelta(days=370), value=Decimal("1"), recorded_by=commissioner
            )
        kpis.append(kpi)
    kpis = list(Kpi.objects.filter(pk__in=[kpi.pk for kpi in kpis]).select_related("strategy").order_by("pk"))
    mine = [kpi for kpi in kpis if kpi.strategy_id in (doing.pk, reviewing.pk)]
    return {"commissioner": commissioner, "other": other, "mine": mine, "theirs": kpis[-1]}


# Days either side of the boundaries: a quarter's grace ending (30 June + 20 = 20 July), a month end, the year
# end (31 March + 20), the horizon reaching a month end + grace (20 October + 30 = 19 November + ...).
TODAYS = [
    date(2026, 7, 19),
    date(2026, 7, 20),
    date(2026, 7, 21),
    date(2026, 10, 31),
    date(2026, 11, 1),
    date(2026, 12, 6),
    date(2027, 4, 20),
    date(2027, 4, 21),
    date(2026, 6, 1),  # the day after a KPI made at 00:30 on 31 May (London), 23:30 on 30 May (UTC)
]


@override_settings(TASKS_KPI_ACTUAL_GRACE_DAYS=GRACE, TASKS_UPCOMING_DAYS=HORIZON)
@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_the_tasks_are_the_calendars_in_its_order(council, today):
    want = expected(council["mine"], today)
    assert want, "the world gives tasks on this day"
    assert found(council["commissioner"], today) == (want, len(want))
    assert found(council["commissioner"], today, limit=2) == (want[:2], len(want))


def _carers_task(council, today):
    """The task of a monthly KPI whose latest actual is for October 2026, or None."""
    tasks, _ = found(council["commissioner"], today)
    return next(((due, title) for due, title, _ in tasks if "'Carers assessed'" in title), None)


@override_settings(TASKS_KPI_ACTUAL_GRACE_DAYS=GRACE, TASKS_UPCOMING_DAYS=HORIZON)
@pytest.mark.parametrize("days", [-1, 0, 1])
def test_a_period_is_a_task_once_its_due_date_is_within_the_horizon(council, days):
    """November's actual is due 20 days after 30 November (20 December): a task from 30 days before."""
    today = date(2026, 12, 20) - timedelta(days=HORIZON) + timedelta(days=days)
    task = _carers_task(council, today)
    if days < 0:
        assert task is None
    else:
        assert task == (
            date(2026, 12, 20),
            "Record the actual of 'Carers assessed' (CS-01) for month ending 30 November 2026",
        )


@override_settings(TASKS_KPI_ACTUAL_GRACE_DAYS=GRACE, TASKS_UPCOMING_DAYS=HORIZON)
@pytest.mark.parametrize("days", [-1, 0, 1])
def test_an_earlier_period_is_counted_once_its_grace_has_passed(council, days):
    """In January 2027 November's actual is late; December's is late too from the day after 20 January."""
    task = _carers_task(council, date(2027, 1, 20) + timedelta(days=days))
    more = " and 1 earlier period" if days > 0 else ""
    assert task == (
        date(2026, 12, 20),
        f"Record the actual of 'Carers assessed' (CS-01) for month ending 30 November 2026{more}",
    )


@override_settings(
    TASKS_KPI_ACTUAL_GRACE_DAYS=GRACE, TASKS_UPCOMING_DAYS=HORIZON, FINANCIAL_YEAR_START_MONTH=1
)
def test_another_financial_year_moves_the_quarters_and_the_year(council):
    """A council whose year starts in January: quarters end in March, June, September and December."""
    today = date(2027, 1, 15)
    want = expected(council["mine"], today)
    assert any("quarter ending 31 December 2026" in title for _, title, _ in want)
    assert found(council["commissioner"], today) == (want, len(want))


def test_none_for_strategies_not_ones_own_or_not_delivering(council):
    today = date(2026, 12, 6)
    titles = [title for _, title, _ in found(council["commissioner"], today)[0]]
    assert not [title for title in titles if "Not delivering yet" in title or "Not theirs" in title]
    others, count = found(council["other"], today)
    assert count == len(others) and any("Not theirs" in title for _, title, _ in others)
    assert not any("Families seen" in title for _, title, _ in others)


def test_one_query_however_many_kpis(council):
    commissioner = council["commissioner"]
    [strategy] = Strategy.objects.filter(title="Family support")
    for n in range(30):
        _made(Kpi.objects.create(strategy=strategy, name=f"More {n}", target=Decimal("1")), date(2026, 1, 5))
    with CaptureQueriesContext(connection) as queries:
        tasks, count = found(commissioner, date(2026, 12, 6), limit=5)
    assert len(queries) == 1 and len(tasks) == 5 and count >= 30


def _plan_and_option(strategy):
    plan = CommissioningPlan.objects.create(strategy=strategy, cycle=strategy.cycle, title="Plan")
    appraisal = OptionsAppraisal.objects.create(plan=plan, title="How it is delivered")
    option = DeliveryOption.objects.create(
        appraisal=appraisal, name="Tender it", channel=Channel.EXTERNAL_CONTRACT, description="-"
    )
    return plan, option


def test_contracts_to_recommission_in_the_lists_order_counted_in_one_query(council):
    """Contracts ending within the horizon (or ended in the last 90 days) on one's strategies: by end date,
    then title by code point ('Zebra' before 'apple', as Python sorts), the first few and the count."""
    doing, theirs = Strategy.objects.get(title="Family support"), Strategy.objects.get(title="Someone else's")
    today = timezone.localdate()
    adopted = {strategy.pk: _plan_and_option(strategy) for strategy in (doing, theirs)}
    for strategy, title, days in [
        (doing, "apple", 30),
        (doing, "Zebra", 30),
        (doing, "Ended lately", -60),
        (doing, "Ended long ago", -120),
        (doing, "Far off", 3 * 365),
        (doing, "Soon", 5),
        (theirs, "Not theirs", 10),
    ]:
        plan, option = adopted[strategy.pk]
        Contract.objects.create(
            strategy=strategy,
            plan=plan,
            option=option,
            channel=Channel.EXTERNAL_CONTRACT,
            title=title,
            provider="Action Kids",
            sector=Contract.Sector.PRIVATE,
            annual_value=Decimal("1000"),
            start_date=today - timedelta(days=700),
            end_date=today + timedelta(days=days),
        )
    with CaptureQueriesContext(connection) as queries:
        tasks, count = contracts_to_recommission(council["commissioner"], today).first(3)
    assert len(queries) == 1
    assert count == 4
    assert [(task.title, task.due, task.detail) for task in tasks] == [
        ("Recommission 'Ended lately' (CS-01) before it ends", today - timedelta(days=60), "Action Kids"),
        ("Recommission 'Soon' (CS-01) before it ends", today + timedelta(days=5), "Action Kids"),
        ("Recommission 'Zebra' (CS-01) before it ends", today + timedelta(days=30), "Action Kids"),
    ]
    every, _ = contracts_to_recommission(council["commissioner"], today).first(None)
    assert [task.title for task in every][-1] == "Recommission 'apple' (CS-01) before it ends"
    assert every[0].url == Contract.objects.get(title="Ended lately").get_absolute_url()
