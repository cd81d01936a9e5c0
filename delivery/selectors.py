"""Reads of Do and Review shared by the pages, the reports, the meeting packs and the API: KPIs with their
actuals, and where each stands."""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Case, CharField, Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Abs, Coalesce

from commissioning import formatting
from strategies.models import CouncilPriority, FrameworkIndicator, Outcome, Stage, Strategy

from . import performance
from .models import Contract, Kpi, LocalityMeasurement, Measurement
from .performance import Position

NO_ACTUAL = "none"


def kpis_with_actuals():
    """KPIs with everything a highlight report shows: a fixed number of queries for any number."""
    return Kpi.objects.select_related(
        "strategy__directorate", "outcome", "contract", "contract_kpi"
    ).prefetch_related(Prefetch("measurements", queryset=Measurement.objects.order_by("period_end")))


def positions(kpis) -> list[Position]:
    """Positions for many KPIs, from their prefetched measurements (prefetch_related('measurements'))."""
    result = []
    for kpi in kpis:
        series = sorted(((m.period_end, m.value) for m in kpi.measurements.all()), key=lambda p: p[0])
        result.append(Position(kpi, series))
    return result


def with_standing(kpis, *, selected: bool = True):
    """`kpis` annotated in SQL with what performance.Position works out in Python from the whole series:
    `latest_value`, `previous_value`, `standing` (a status, or NO_ACTUAL) and `travel` (a direction, or
    NULL), so a report filters and pages its KPIs in the database and reads the actuals of only the page
    it shows. Each use of the latest actuals repeats their subquery: to count many KPIs by standing,
    standing_counts finds them once (tests/commissioning/test_page_queries.py keeps both equal to
    performance.Position). `selected=False`: only to filter by (aliases, not in the SELECT), for a list
    that works out each row's position from its actuals anyway."""
    newest = Measurement.objects.filter(kpi=OuterRef("pk")).order_by("-period_end")
    higher = Q(polarity=performance.HIGHER)
    add = QuerySet.annotate if selected else QuerySet.alias
    kpis = add(
        kpis,
        latest_value=Subquery(newest.values("value")[:1]),
        previous_value=Subquery(newest.values("value")[1:2]),
    )
    kpis = add(
        kpis,
        shortfall=Case(
            When(higher, then=F("target") - F("latest_value")), default=F("latest_value") - F("target")
        ),
    )
    return add(
        kpis,
        standing=Case(
            When(latest_value__isnull=True, then=Value(NO_ACTUAL)),
            When(shortfall__lte=0, then=Value(performance.ACHIEVED)),
            When(shortfall__lte=Abs(F("tolerance")), then=Value(performance.WITHIN)),
            default=Value(performance.NOT_ACHIEVED),
            output_field=CharField(),
        ),
        travel=Case(
            When(Q(latest_value__isnull=True) | Q(previous_value__isnull=True), then=Value(None)),
            When(latest_value=F("previous_value"), then=Value(performance.NO_CHANGE)),
            When(
                (higher & Q(latest_value__gt=F("previous_value")))
                | (~higher & Q(latest_value__lt=F("previous_value"))),
                then=Value(performance.IMPROVING),
            ),
            default=Value(performance.WORSENING),
            output_field=CharField(),
        ),
    )


STATUSES = [performance.ACHIEVED, performance.WITHIN, performance.NOT_ACHIEVED, NO_ACTUAL]
DIRECTIONS = [performance.IMPROVING, performance.NO_CHANGE, performance.WORSENING]

# Each KPI's standing and travel as with_standing works them out, from its latest two actuals found in one
# pass over the chosen KPIs' actuals (numbered newest first within each KPI, the first two kept and set side
# by side), not in a subquery per use: `standings` (id, standing, travel), for a statement to read from.
# Plain SQL, as PostgreSQL and SQLite both run it; {chosen} selects the KPIs' id, polarity, target, tolerance.
_STANDINGS = """WITH chosen (id, polarity, target, tolerance) AS ({chosen}),
ranked AS (
    SELECT kpi_id, value, ROW_NUMBER() OVER (PARTITION BY kpi_id ORDER BY period_end DESC) AS n
    FROM delivery_measurement WHERE kpi_id IN (SELECT id FROM chosen)
),
latest AS (
    SELECT kpi_id, MAX(CASE WHEN n = 1 THEN value END) AS latest, MAX(CASE WHEN n = 2 THEN value END) AS previous
    FROM ranked WHERE n <= 2 GROUP BY kpi_id
),
shortfalls AS (
    SELECT chosen.id, chosen.polarity, chosen.tolerance, latest.latest, latest.previous,
        CASE WHEN chosen.polarity = '{higher}' THEN chosen.target - latest.latest
            ELSE latest.latest - chosen.target END AS shortfall
    FROM chosen LEFT JOIN latest ON latest.kpi_id = chosen.id
),
standings AS (
    SELECT id,
        CASE WHEN latest IS NULL THEN '{none}' WHEN shortfall <= 0 THEN '{achieved}'
            WHEN shortfall <= ABS(tolerance) THEN '{within}' ELSE '{not_achieved}' END AS standing,
        CASE WHEN latest IS NULL OR previous IS NULL THEN NULL WHEN latest = previous THEN '{no_change}'
            WHEN (polarity = '{higher}' AND latest > previous) OR (polarity <> '{higher}' AND latest < previous)
            THEN '{improving}' ELSE '{worsening}' END AS travel
    FROM shortfalls
)
"""
_WORDS = {
    "higher": performance.HIGHER,
    "none": NO_ACTUAL,
    "achieved": performance.ACHIEVED,
    "within": performance.WITHIN,
    "not_achieved": performance.NOT_ACHIEVED,
    "no_change": performance.NO_CHANGE,
    "improving": performance.IMPROVING,
    "worsening": performance.WORSENING,
}


def _standings(kpis) -> tuple[str, list]:
    """The WITH clause defining `standings` for `kpis` (a KPI queryset, filtered but not annotated), and
    its params."""
    chosen = kpis.order_by().values("id", "polarity", "target", "tolerance").query
    # Not elided when it can match nothing (Kpi.objects.none(), pk__in=[]): it then selects no rows.
    sql, params = chosen.get_compiler(using=kpis.db, elide_empty=False).as_sql()
    return _STANDINGS.format(chosen=sql, **_WORDS), list(params)


def _kept(status: str, direction: str) -> tuple[str, list]:
    """A WHERE clause on `standings` keeping those at `status` and going `direction` (each when given),
    and its params."""
    kept = {column: value for column, value in [("standing", status), ("travel", direction)] if value}
    if not kept:
        return "", []
    return " WHERE " + " AND ".join(f"{column} = %s" for column in kept), list(kept.values())


def standing_counts(kpis, *, status: str = "", direction: str = "") -> dict:
    """How many of `kpis` (a KPI queryset, filtered but not annotated), of those at `status` and going
    `direction` when given, stand at each status and direction: {"total": n, "statuses": {status: n},
    "directions": {direction: n}}. One statement: each KPI's latest two actuals found once, in one pass
    over the actuals (_STANDINGS), then counted by status and direction in one row."""
    standings, params = _standings(kpis)
    where, kept = _kept(status, direction)
    counts = [f"COUNT(CASE WHEN standing = '{s}' THEN 1 END)" for s in STATUSES]
    counts += [f"COUNT(CASE WHEN travel = '{d}' THEN 1 END)" for d in DIRECTIONS]
    sql = f"{standings} SELECT COUNT(*), {', '.join(counts)} FROM standings{where}"  # noqa: S608 - constant SQL
    with connections[kpis.db].cursor() as cursor:
        cursor.execute(sql, [*params, *kept])
        total, *found = cursor.fetchone()
    return {
        "total": total,
        "statuses": dict(zip(STATUSES, found[: len(STATUSES)], strict=True)),
        "directions": dict(zip(DIRECTIONS, found[len(STATUSES) :], strict=True)),
    }


# The council plan and the national outcome frameworks --------------------------------------------------


@dataclass
class Served:
    """What serves one council plan priority (or one framework indicator): the live strategies' outcomes
    linked to it, the strategies they belong to, and the KPIs measuring them, each with its standing."""

    subject: object
    outcomes: list
    strategies: list
    kpis: list  # [(kpi, status label, tag class)]

    @property
    def served(self) -> bool:
        return bool(self.outcomes)


def _standing(kpi) -> tuple:
    return (
        kpi,
        performance.STATUS_LABELS.get(kpi.standing, "No actual yet"),
        performance.STATUS_TAGS.get(kpi.standing, "govuk-tag--grey"),
    )


def _live_outcomes():
    kpis = with_standing(Kpi.objects.select_related("strategy", "indicator__framework")).order_by("pk")
    return (
        Outcome.objects.exclude(strategy__stage=Stage.ARCHIVED)
        .select_related("strategy")
        .order_by("strategy__reference", "pk")
        .prefetch_related(Prefetch("kpis", queryset=kpis))
    )


def _served(subject, outcomes, extra_kpis=()) -> Served:
    strategies = list({o.strategy_id: o.strategy for o in outcomes}.values())
    kpis = {k.pk: k for o in outcomes for k in o.kpis.all()}
    kpis.update({k.pk: k for k in extra_kpis})
    return Served(subject, outcomes, strategies, [_standing(k) for k in kpis.values()])


def council_plan() -> list[Served]:
    """Each council plan priority with what serves it: three queries, however many priorities."""
    priorities = CouncilPriority.objects.order_by("order", "reference").prefetch_related(
        Prefetch("outcomes", queryset=_live_outcomes())
    )
    return [_served(p, list(p.outcomes.all())) for p in priorities]


def framework_indicators() -> list[Served]:
    """Each national framework indicator with the outcomes reported against it and its local measures
    (KPIs marked as its measure, and those of its outcomes): four queries, however many indicators."""
    local = with_standing(
        Kpi.objects.exclude(strategy__stage=Stage.ARCHIVED).select_related("strategy", "indicator__framework")
    ).order_by("pk")
    indicators = (
        FrameworkIndicator.objects.select_related("framework")
        .order_by("framework__code", "code")
        .prefetch_related(Prefetch("outcomes", queryset=_live_outcomes()), Prefetch("kpis", queryset=local))
    )
    return [_served(i, list(i.outcomes.all()), i.kpis.all()) for i in indicators]


# Results by place --------------------------------------------------------------------------------------


@dataclass
class Breakdown:
    """A KPI's figures by locality for the latest period that has them, best first (with its polarity), and
    the gap between the best and the worst, so inequality between places is visible."""

    kpi: object
    period_end: object
    rows: list  # [(locality, value, value text)], best first
    gap: str

    @property
    def best(self):
        return self.rows[0][0]

    @property
    def worst(self):
        return self.rows[-1][0]


def locality_breakdowns(kpis) -> dict:
    """{kpi id: Breakdown} for these KPIs (objects), in one query however many."""
    by_id = {k.pk: k for k in kpis}
    if not by_id:
        return {}
    found: dict[int, list] = {}
    rows = (
        LocalityMeasurement.objects.filter(kpi__in=by_id).select_related("locality").order_by("-period_end")
    )
    for m in rows:
        latest = found.setdefault(m.kpi_id, [])
        if latest and latest[0].period_end != m.period_end:
            continue  # an older period: only the latest is shown
        latest.append(m)
    result = {}
    for kpi_id, figures in found.items():
        kpi = by_id[kpi_id]
        higher = kpi.polarity == performance.HIGHER
        figures.sort(key=lambda m: (-m.value if higher else m.value, m.locality.name))
        gap = abs(figures[0].value - figures[-1].value)
        result[kpi_id] = Breakdown(
            kpi,
            figures[0].period_end,
            [(m.locality, m.value, formatting.quantity(m.value, kpi.unit)) for m in figures],
            formatting.quantity(gap, kpi.unit),
        )
    return result


def with_counts(strategies):
    """`strategies` (a queryset) with how many contracts and KPIs each has, in the same query: the strategy
    page reads its strategy so (strategies.selectors.read_with_overview)."""
    return strategies.annotate(
        _n_contracts=Coalesce(_count_of(Contract), 0), _n_kpis=Coalesce(_count_of(Kpi), 0)
    )


def counts_of(strategy) -> dict[str, int]:
    """How many contracts and KPIs the strategy has (the strategy page's panel): as read with the strategy
    (with_counts), else in one query."""
    found = strategy.__dict__
    if "_n_contracts" not in found:
        found = with_counts(Strategy.objects.filter(pk=strategy.pk)).values("_n_contracts", "_n_kpis").get()
    return {"contracts": found["_n_contracts"], "kpis": found["_n_kpis"]}


def _count_of(model):
    rows = model.objects.filter(strategy=OuterRef("pk")).order_by().values("strategy")
    return Subquery(rows.annotate(n=Count("pk")).values("n")[:1])
