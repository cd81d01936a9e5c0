"""Demo County Council in Do and Review: contracts and grants from the adopted options (some ending soon),
due diligence on voluntary providers, KPIs from each strategy's performance measures with 6 to 8 periods of
actuals (higher- and lower-is-better, achieved, near misses, improving failures, worsening ones), and the
review of each cycle that went round again (demo/data/delivery.yaml). Written through delivery.services as
the commissioner, then dated. Used by `manage.py seed_demo`."""

import random
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

import plans.services
from delivery import services
from delivery.models import Contract, DueDiligenceCheck, Kpi, Measurement, ProcurementRoute, ReviewRecord
from plans.models import Channel, DeliveryOption

from . import content

DELIVERY = content.load("delivery")

KIND = {
    Channel.EXTERNAL_GRANT: Contract.Kind.GRANT,
    Channel.PARTNERSHIP: Contract.Kind.PARTNERSHIP,
    Channel.INTERNAL: Contract.Kind.SERVICE_LEVEL,
}
# The contracts register: how each channel's supplier was chosen (the suppliers are in delivery.yaml).
ROUTES = {
    Channel.EXTERNAL_CONTRACT: ProcurementRoute.OPEN,
    Channel.EXTERNAL_GRANT: ProcurementRoute.GRANT,
    Channel.PARTNERSHIP: ProcurementRoute.NOT_PROCURED,
    Channel.INTERNAL: ProcurementRoute.NOT_PROCURED,
    Channel.COPRODUCTION: ProcurementRoute.QUOTATION,
}
# How each KPI's story goes, by its position in the strategy: where the latest actual ends up.
STORIES = ["achieved", "near_miss", "improving_failure", "achieved", "worsening", "achieved"]


def _ordinal(strategy) -> int:
    """The strategy's number in the demo (CS-07: 7), so each contract's supplier is the same on every database."""
    found = re.match(r"CS-(\d+)", strategy.reference)
    return int(found.group(1)) if found else strategy.pk


def _sector(option, n):
    if option.channel == Channel.INTERNAL:
        return Contract.Sector.PUBLIC
    if option.channel == Channel.EXTERNAL_GRANT:
        return Contract.Sector.VOLUNTARY
    if option.channel == Channel.PARTNERSHIP:
        return Contract.Sector.PUBLIC
    return [Contract.Sector.PRIVATE, Contract.Sector.SOCIAL_ENTERPRISE, Contract.Sector.VOLUNTARY][n % 3]


def _series(baseline: float, target: float, story: str, periods: int, rng: random.Random) -> list[float]:
    """Actuals from the baseline towards the target, ending as the story says."""
    gap = target - baseline or (abs(target) * 0.2 or 1.0)
    if story == "worsening":  # reached the target, then slipped back in the latest period
        values = [baseline + gap * (i + 1) / (periods - 1) for i in range(periods - 1)]
        values.append(values[-1] - gap * 0.3)
    else:
        ends = {
            "achieved": target + gap * 0.05,
            "near_miss": target - gap * 0.04,
            "improving_failure": target - gap * 0.35,
        }
        values = [baseline + (ends[story] - baseline) * (i + 1) / periods for i in range(periods)]
    # A little noise, never on the last two periods (they carry the status and the direction).
    return [
        round(v + (abs(gap) * 0.03 * rng.uniform(-1, 1) if i < periods - 2 else 0), 1)
        for i, v in enumerate(values)
    ]


class DeliverySeeder:
    def __init__(self, now):
        self.now = now
        self.ending_soon = 0

    def deliver(self, strategy, owner, started: datetime, until: datetime):
        """Contracts for this cycle's adopted options, and KPIs measured from `started` to `until`."""
        if strategy.kpis.exists():
            return
        rng = random.Random(strategy.pk * 31)
        options = DeliveryOption.objects.filter(
            adopted_by__plan__strategy=strategy, adopted_by__plan__cycle=strategy.cycle
        ).select_related("adopted_by__plan")
        contracts = []
        for n, option in enumerate(options):
            if option.channel in (Channel.INFLUENCE, Channel.DECOMMISSION):
                continue
            start = started.date()
            end = date(start.year + 3, start.month, min(start.day, 28))
            if until.date() >= self.now.date() and self.ending_soon < 3 and n == 0:
                end = self.now.date() + timedelta(days=rng.randint(60, 240))  # recommission: contract renewal
                self.ending_soon += 1
            sector = _sector(option, _ordinal(strategy) + n)
            contract = services.create_contract(
                strategy=strategy,
                option=option,
                acting_user=owner,
                kind=KIND.get(option.channel, Contract.Kind.CONTRACT),
                title=option.name,
                provider=DELIVERY["providers"][sector],
                sector=sector,
                annual_value=option.annual_cost,
                start_date=start,
                end_date=end,
                extension_options="1 + 1 years" if option.channel != Channel.INTERNAL else "",
                # The contracts register's fields (Local Government Transparency Code).
                reference=f"DCC-{strategy.reference}-{strategy.cycle}{n + 1:02d}",
                description=option.description,
                procurement_route=ROUTES.get(option.channel, ProcurementRoute.OPEN),
                supplier_registration=DELIVERY["registrations"][sector],
                supplier_is_sme=sector in (Contract.Sector.PRIVATE, Contract.Sector.SOCIAL_ENTERPRISE),
            )
            for check in contract.checks.all():
                satisfied = check.topic != DueDiligenceCheck.Topic.INSURANCE or n % 2 == 0
                DueDiligenceCheck.objects.filter(pk=check.pk).update(
                    status=DueDiligenceCheck.Status.SATISFIED
                    if satisfied
                    else DueDiligenceCheck.Status.TO_DO,
                    evidence=DELIVERY["checked"] if satisfied else "",
                    checked_on=start if satisfied else None,
                    review_due=start + timedelta(days=365) if satisfied else None,
                )
            contracts.append(contract)
        metrics = list(strategy.performancemetrics.select_related("outcome").order_by("pk"))
        periods = rng.randint(6, 8)
        span = max((until - started).days, periods * 30)
        dates = [(started + timedelta(days=span * (i + 1) // periods)).date() for i in range(periods)]
        contract_kpis = {}
        for plan in strategy.plans.filter(cycle=strategy.cycle):
            for ck in plan.contractkpis.all():
                contract_kpis.setdefault(plan.pk, ck)
        for i, metric in enumerate(metrics[:6]):
            baseline = float(metric.baseline if metric.baseline is not None else 50)
            target = float(metric.target if metric.target is not None else baseline * 1.1)
            if (
                metric.polarity == "lower"
                and target > baseline
                or metric.polarity == "higher"
                and target < baseline
            ):
                target, baseline = baseline, target
            contract = contracts[i % len(contracts)] if contracts else None
            kpi = services.create_kpi(
                strategy=strategy,
                acting_user=owner,
                name=metric.name,
                outcome=metric.outcome,
                contract=contract,
                contract_kpi=contract_kpis.get(contract.plan_id) if contract and i == 0 else None,
                unit=metric.unit,
                polarity=metric.polarity,
                baseline=Decimal(str(baseline)),
                target=Decimal(str(target)),
                tolerance=Decimal(str(round(abs(target - baseline) * 0.05, 1))),
                frequency=Kpi.Frequency.QUARTERLY,
            )
            values = _series(baseline, target, STORIES[(strategy.pk + i) % len(STORIES)], periods, rng)
            for when, value in zip(dates, values, strict=True):
                services.record_measurement(
                    kpi=kpi, period_end=when, value=Decimal(str(value)), note="", acting_user=owner
                )
        moment = timezone.make_aware(datetime.combine(started.date(), datetime.min.time())) + timedelta(
            hours=10
        )
        Contract.objects.filter(strategy=strategy).update(created_at=moment)
        Kpi.objects.filter(strategy=strategy).update(created_at=moment)

    def review(self, strategy, owner, trigger: str, recommendation=ReviewRecord.Recommendation.RECOMMISSION):
        services.save_review(
            strategy=strategy,
            seen_version=None,
            acting_user=owner,
            changes={
                **DELIVERY["review"],
                "recommendation": recommendation,
                "trigger": trigger,
            },
        )


def reset():
    for model in [Measurement, Kpi, DueDiligenceCheck, Contract, ReviewRecord]:
        model.objects.all().delete()
        model.history.all().delete()


def mark_exempt(strategies: dict) -> None:
    """Mark the records delivery.yaml lists as exempt information (by strategy number), as their accountable
    commissioner would, through the services that keep the change and its paragraph in their history. A plan
    is marked while it was being written: the change is dated before delivery started."""
    for spec in DELIVERY.get("exempt", []):
        strategy = strategies.get(spec["strategy"])
        if strategy is None:
            continue
        owner = strategy.accountable_commissioner
        marked = {"confidential": True, "exemption": str(spec["paragraph"])}
        if spec["record"] == "plan":
            plan = strategy.plans.filter(cycle=strategy.cycle).order_by("pk").first()
            if plan is None:
                continue
            written = plan.history.latest("history_date").history_date
            plans.services.update_plan(
                plan=plan, seen_version=plan.version, changes=marked, acting_user=owner
            )
            started = strategy.transitions.filter(transition="start_delivery").latest("at").at
            plan.history.filter(history_date__gt=started).update(
                history_date=written + (started - written) / 2
            )
        else:
            contract = strategy.contracts.order_by("pk").first()
            if contract is not None:
                services.update_contract(
                    contract=contract, seen_version=contract.version, changes=marked, acting_user=owner
                )
