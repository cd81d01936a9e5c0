"""Do and Review's part of "Your tasks" (commissioning.worklist): KPI actuals due by each KPI's reporting
calendar (delivery.periods) and overdue, and contracts to recommission, on the strategies one commissions.
One query each."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Max

from commissioning.worklist import Task, provider
from strategies.models import Strategy
from strategies.selectors import commissioned_by

from . import periods, permissions
from .models import Contract, Kpi


def _mine(user):
    return commissioned_by(Strategy.objects.filter(stage__in=permissions.DELIVERY_STAGES), user)


@provider
def kpi_actuals(user, today):
    grace = timedelta(days=settings.TASKS_KPI_ACTUAL_GRACE_DAYS)
    horizon = today + timedelta(days=settings.TASKS_UPCOMING_DAYS)
    kpis = (
        Kpi.objects.filter(strategy__in=_mine(user).values("pk"))
        .annotate(last=Max("measurements__period_end"))
        .select_related("strategy")
        .only("name", "frequency", "created_at", "strategy__reference")  # a task's words: not every column
    )
    for kpi in kpis:
        since = kpi.last or kpi.created_at.date()
        ends = periods.due(kpi.frequency, since, horizon)
        if not ends:
            continue
        late = [end for end in ends if end + grace < today]
        end = ends[0]
        if end + grace > horizon:
            continue
        period = periods.label(kpi.frequency, end)
        more = f" and {len(late) - 1} earlier period{'s' if len(late) > 2 else ''}" if len(late) > 1 else ""
        yield Task(
            "kpi-actual",
            "KPI actual due",
            f"Record the actual of '{kpi.name}' ({kpi.strategy.reference}) for {period}{more}",
            f"{kpi.get_absolute_url()}#actuals",
            end + grace,
        )


@provider
def contracts_to_recommission(user, today):
    """Contracts ending inside the recommissioning horizon (Contract.ending) on one's strategies. Their
    commissioners read them even when confidential (they are officers concerned: can_read_exempt), so no
    rights filter is needed, nor its queries."""
    contracts = (
        Contract.objects.ending()
        .filter(strategy__in=_mine(user).values("pk"))
        .select_related("strategy")
        .only("title", "provider", "end_date", "strategy__reference")
    )
    for contract in contracts:
        yield Task(
            "recommission",
            "Contract to recommission",
            f"Recommission '{contract.title}' ({contract.strategy.reference}) before it ends",
            contract.get_absolute_url(),
            contract.end_date,
            str(contract.provider),
        )
