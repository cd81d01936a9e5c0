"""Contracts (with their providers) and KPIs in the search (commissioning.search). A confidential contract,
or one under a confidential plan, is found only by those who may read it (permissions.readable_contracts)."""

from commissioning import search

from . import permissions
from .models import Contract, Kpi


def _contract(c) -> search.Document:
    return search.Document(
        title=f"{c.title} ({c.provider})",
        body=search.text(c.provider, c.get_kind_display(), c.get_sector_display(), c.extension_options),
        url=c.get_absolute_url(),
        strategy_id=c.strategy_id,
        date=c.start_date,
    )


def _kpi(k) -> search.Document:
    return search.Document(
        title=k.name,
        body=search.text(f"A KPI of {k.strategy.reference}: {k.strategy.title}", k.unit),
        url=k.get_absolute_url(),
        strategy_id=k.strategy_id,
        date=k.created_at.date() if k.created_at else None,
    )


search.register(
    search.Kind(
        "contract", "Contracts and providers", Contract, _contract, readable=permissions.readable_contracts
    )
)
search.register(
    search.Kind("kpi", "KPIs", Kpi, _kpi, queryset=lambda: Kpi.objects.select_related("strategy"))
)
