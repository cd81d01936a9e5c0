"""Do and Review's part of "Your tasks" (commissioning.worklist): KPI actuals due by each KPI's reporting
calendar (delivery.periods) and overdue, and contracts to recommission, on the strategies one commissions.
One query each. The KPI actuals are worked out, put in order and cut to the page in SQL: the dashboard reads
only the tasks it shows, however many KPIs one's strategies have."""

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Count, Max, Value, Window
from django.db.models.functions import Coalesce, Collate, Concat, TruncDate
from django.urls import reverse

from commissioning.worklist import Counted, Task, provider
from strategies.models import Strategy
from strategies.selectors import commissioned_by

from . import periods, permissions
from .models import Contract, Kpi


def _mine(user):
    return commissioned_by(Strategy.objects.filter(stage__in=permissions.DELIVERY_STAGES), user)


@provider
def kpi_actuals(user, today):
    return Counted("kpi-actual", lambda limit: _kpi_actuals(user, today, limit))


# Each KPI's reporting calendar (delivery.periods) worked out in SQL: the month ends from the month of its
# latest actual (or of the day it was made) to the horizon, kept where the month closes a period of its
# frequency and the period ended after that day. A task names the oldest period due and counts the late ones.
# Tasks are put in order as commissioning.worklist.sort_key puts them (due, then title by code point:
# COLLATE "C"), counted and cut to the page in the same query.
_KPI_TASKS = """
WITH asked (today, horizon, grace) AS (SELECT %s::date, %s::date, %s::int),
calendar (frequency, noun, months) AS (VALUES {calendar}),
kpis (id, name, reference, frequency, since) AS MATERIALIZED ({kpis}),
due AS (
    SELECT kpis.id, MIN(ends.period_end) AS period_end,
        COUNT(*) FILTER (WHERE ends.period_end + asked.grace < asked.today) AS late,
        MIN(calendar.noun) AS noun
    FROM kpis CROSS JOIN asked
    LEFT JOIN calendar ON calendar.frequency = kpis.frequency
    CROSS JOIN LATERAL generate_series(
        date_trunc('month', kpis.since::timestamp), asked.horizon::timestamp, interval '1 month'
    ) AS month
    CROSS JOIN LATERAL (SELECT (month + interval '1 month' - interval '1 day')::date) AS ends (period_end)
    WHERE ends.period_end > kpis.since AND ends.period_end <= asked.horizon
        AND extract(month FROM month)::int = ANY(COALESCE(calendar.months, %s::int[]))
    GROUP BY kpis.id
)
SELECT id, due_on, title, COUNT(*) OVER () FROM (
    SELECT kpis.id, due.period_end + asked.grace AS due_on,
        'Record the actual of ''' || kpis.name || ''' (' || kpis.reference || ') for '
        || COALESCE(due.noun, %s) || ' ending ' || to_char(due.period_end, 'FMDD FMMonth YYYY')
        || CASE WHEN due.late > 1 THEN ' and ' || (due.late - 1) || ' earlier period'
            || CASE WHEN due.late > 2 THEN 's' ELSE '' END ELSE '' END AS title
    FROM kpis JOIN due ON due.id = kpis.id CROSS JOIN asked
    WHERE due.period_end + asked.grace <= asked.horizon
) AS tasks
ORDER BY due_on, title COLLATE "C", id
"""


def _kpi_actuals(user, today, limit):
    """The actuals due on the KPIs of one's strategies in Do and Review, by each KPI's reporting calendar,
    overdue once `TASKS_KPI_ACTUAL_GRACE_DAYS` have passed: the first `limit` (all, if None) and how many."""
    kpis = (
        Kpi.objects.filter(strategy__in=_mine(user).values("pk"))
        .order_by()
        .values_list("pk", "name", "strategy__reference", "frequency")
        # The day it was made, in the council's time zone (TruncDate's).
        .annotate(since=Coalesce(Max("measurements__period_end"), TruncDate("created_at")))
    )
    sql, params = kpis.query.sql_with_params()
    calendar = [
        (frequency, periods.noun(frequency), sorted(periods.closing_months(frequency)))
        for frequency in Kpi.Frequency.values
    ]
    query = _KPI_TASKS.format(calendar=", ".join("(%s, %s, %s::int[])" for _ in calendar), kpis=sql)
    values = [
        today,
        today + timedelta(days=settings.TASKS_UPCOMING_DAYS),
        settings.TASKS_KPI_ACTUAL_GRACE_DAYS,
        *(value for entry in calendar for value in entry),
        *params,
        sorted(periods.closing_months("")),  # a frequency the calendar does not name, as periods.due has it
        periods.noun(""),
    ]
    if limit:
        query, values = query + " LIMIT %s", [*values, limit]
    with connection.cursor() as cursor:
        cursor.execute(query, values)
        rows = cursor.fetchall()
    tasks = [
        Task("kpi-actual", "KPI actual due", title, reverse("delivery:kpi", args=[pk]) + "#actuals", due_on)
        for pk, due_on, title, _ in rows
    ]
    return tasks, rows[0][3] if rows else 0


@provider
def contracts_to_recommission(user, today):
    return Counted("recommission", lambda limit: _contracts_to_recommission(user, limit))


def _contracts_to_recommission(user, limit):
    """Contracts ending inside the recommissioning horizon (Contract.ending) on one's strategies, in the
    list's order (due, then title by code point), counted in the same query. Their commissioners read them
    even when confidential (they are officers concerned: can_read_exempt), so no rights filter is needed."""
    contracts = (
        Contract.objects.ending()
        .filter(strategy__in=_mine(user).values("pk"))
        .annotate(
            task_title=Concat(
                Value("Recommission '"),
                "title",
                Value("' ("),
                "strategy__reference",
                Value(") before it ends"),
            ),
            total=Window(Count("pk")),
        )
        .order_by("end_date", Collate("task_title", "C"), "pk")
        .values_list("pk", "task_title", "end_date", "provider", "total")
    )
    rows = list(contracts[:limit] if limit else contracts)
    tasks = [
        Task(
            "recommission",
            "Contract to recommission",
            title,
            reverse("delivery:contract", args=[pk]),
            end_date,
            str(provider),
        )
        for pk, title, end_date, provider, _ in rows
    ]
    return tasks, rows[0][4] if rows else 0
