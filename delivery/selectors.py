"""Reads of Do and Review shared by the pages, the reports, the meeting packs and the API: KPIs with their
actuals, and where each stands."""

from django.db.models import Case, CharField, Count, F, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Abs

from . import performance
from .models import Kpi, Measurement
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


def with_standing(kpis):
    """`kpis` annotated in SQL with what performance.Position works out in Python from the whole series:
    `latest_value`, `previous_value`, `standing` (a status, or NO_ACTUAL) and `travel` (a direction, or
    NULL), so a report filters, counts and pages its KPIs in the database and reads the actuals of only
    the page it shows (tests/delivery/test_page_queries.py keeps the two equal)."""
    newest = Measurement.objects.filter(kpi=OuterRef("pk")).order_by("-period_end")
    higher = Q(polarity=performance.HIGHER)
    kpis = kpis.annotate(
        latest_value=Subquery(newest.values("value")[:1]),
        previous_value=Subquery(newest.values("value")[1:2]),
    ).annotate(
        shortfall=Case(
            When(higher, then=F("target") - F("latest_value")), default=F("latest_value") - F("target")
        )
    )
    return kpis.annotate(
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


def standing_counts(kpis) -> dict:
    """How many of `kpis` (annotated by with_standing) stand at each status and direction, in one query:
    {"total": n, "statuses": {status: n}, "directions": {direction: n}}."""
    statuses = [performance.ACHIEVED, performance.WITHIN, performance.NOT_ACHIEVED, NO_ACTUAL]
    directions = [performance.IMPROVING, performance.NO_CHANGE, performance.WORSENING]
    counts = kpis.order_by().aggregate(
        total=Count("pk"),
        **{f"s_{s}": Count("pk", filter=Q(standing=s)) for s in statuses},
        **{f"d_{d}": Count("pk", filter=Q(travel=d)) for d in directions},
    )
    return {
        "total": counts["total"],
        "statuses": {s: counts[f"s_{s}"] for s in statuses},
        "directions": {d: counts[f"d_{d}"] for d in directions},
    }
