"""Moving from Do to Review, and from Review back to Analyse, follows the delivery records.

Do → Review needs the evidence to review: at least one KPI, each with an actual reported, and an actual for
every period of each KPI that has ended since the strategy (last) entered Do (issue 15).
Review → Analyse (recommission) needs this cycle's review record complete, and not recommending
decommissioning (then the strategy is archived instead). Review → Do (continue as now, issue 15) needs it
complete and recommending continuing as now."""

from django.urls import reverse
from django.utils import timezone

from strategies import lifecycle
from strategies.lifecycle import Transition
from strategies.models import Stage, TransitionLog

from . import periods
from .models import Kpi, ReviewRecord


def entered_do(strategy):
    """When the strategy last entered Do (its transition record), as a date; None if it has none."""
    moved = TransitionLog.objects.filter(strategy=strategy, target=Stage.DO).order_by("-at", "-pk").first()
    return timezone.localdate(moved.at) if moved else None


def _kpis(strategy) -> str:
    return reverse("delivery:strategy", args=[strategy.pk]) + "#kpis"


def _review(strategy) -> str:
    return reverse("delivery:review", args=[strategy.pk])


@lifecycle.condition(Transition.START_REVIEW, part="Delivery and KPIs", fix=_kpis)
def delivery_measured(strategy) -> list[str]:
    """Every KPI has an actual, and one for every period that has ended since the strategy entered Do."""
    kpis = list(Kpi.objects.filter(strategy=strategy).prefetch_related("measurements").order_by("pk"))
    if not kpis:
        return ["Define the KPIs that measure delivery, and report their actuals, before the review."]
    unreported = [k.name for k in kpis if not k.measurements.all()]
    reasons = []
    if unreported:
        reasons.append(f"Report an actual for each KPI before the review: {', '.join(unreported)}.")
    since = entered_do(strategy)
    if since is None:
        return reasons
    today = timezone.localdate()
    for kpi in kpis:
        if kpi.name in unreported and not periods.due(kpi.frequency, since, today):
            continue
        have = {m.period_end for m in kpi.measurements.all()}
        for period_end in periods.due(kpi.frequency, since, today):
            if period_end not in have:
                reasons.append(
                    lifecycle.Reason(
                        f"KPI '{kpi.name}': no actual for {periods.label(kpi.frequency, period_end)}.",
                        fix_url=reverse("delivery:kpi", args=[kpi.pk]),
                    )
                )
    return reasons


@lifecycle.condition(Transition.RECOMMISSION, part="Review", fix=_review)
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


@lifecycle.condition(Transition.CONTINUE_DELIVERY, part="Review", fix=_review)
def recommends_continuing(strategy) -> list[str]:
    record = ReviewRecord.objects.filter(strategy=strategy, cycle=strategy.cycle).first()
    if record is None:
        return [
            f"Write the review of cycle {strategy.cycle}, recommending continuing as now, before delivery "
            "continues."
        ]
    reasons = []
    gaps = record.gaps()
    if gaps:
        reasons.append(f"Complete the review: {', '.join(gaps)}.")
    if record.recommendation and record.recommendation != ReviewRecord.Recommendation.CONTINUE:
        reasons.append(
            f"The review recommends '{record.get_recommendation_display().lower()}', not continuing as now: "
            "change the recommendation, or follow it."
        )
    return reasons
