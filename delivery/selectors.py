"""Reads of Do and Review shared by the pages, the reports, the meeting packs and the API: KPIs with their
actuals, and where each stands."""

from django.db.models import Prefetch

from .models import Kpi, Measurement
from .performance import Position


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
