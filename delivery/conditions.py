"""Moving from Do to Review, and from Review back to Analyse, follows the delivery records.

Do → Review needs the evidence to review: at least one KPI, each with an actual reported.
Review → Analyse (recommission) needs this cycle's review record complete, and not recommending
decommissioning (then the strategy is archived instead)."""

from strategies import lifecycle
from strategies.lifecycle import Transition

from .models import Kpi, ReviewRecord


@lifecycle.condition(Transition.START_REVIEW)
def delivery_measured(strategy) -> list[str]:
    kpis = list(Kpi.objects.filter(strategy=strategy).prefetch_related("measurements"))
    if not kpis:
        return ["Define the KPIs that measure delivery, and report their actuals, before the review."]
    unreported = [k.name for k in kpis if not k.measurements.all()]
    if unreported:
        return [f"Report an actual for each KPI before the review: {', '.join(unreported)}."]
    return []


@lifecycle.condition(Transition.RECOMMISSION)
def reviewed(strategy) -> list[str]:
    record = ReviewRecord.objects.filter(strategy=strategy, cycle=strategy.cycle).first()
    if record is None:
        return [f"Write the review of cycle {strategy.cycle} (outcomes, what worked, lessons learnt) first."]
    reasons = []
    gaps = record.gaps()
    if gaps:
        reasons.append(f"Complete the review: {', '.join(gaps)}.")
    if record.recommendation == ReviewRecord.Recommendation.DECOMMISSION:
        reasons.append(
            "The review recommends decommissioning: archive the strategy instead of recommissioning it."
        )
    return reasons
