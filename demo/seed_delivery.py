"""Demo County Council in Do and Review: contracts and grants from the adopted options, each with the
supplier who delivers it (the council's own service for an in-house option) and a term that matches its
title and its plan's commercial model; due diligence on voluntary providers; KPIs from each strategy's
performance measures, each on the contract that delivers its outcome, with an actual for every period
ended since delivery began (on the KPI's calendar, never after the day of seeding); and the review of
each cycle that went round again (demo/data/delivery.yaml). Written through delivery.services as the
commissioner, then dated. Used by `manage.py seed_demo`."""

import random
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

import plans.services
from delivery import periods, services
from delivery.models import (
    Contract,
    DueDiligenceCheck,
    Kpi,
    Locality,
    Measurement,
    ProcurementRoute,
    ReviewRecord,
)
from plans.models import NEEDS_COMMERCIAL_MODEL, Channel, DeliveryOption

from . import content, dates

DELIVERY = content.load("delivery")
COUNCIL_NAME = content.load("strategies")["council_name"]

KIND = {
    Channel.EXTERNAL_GRANT: Contract.Kind.GRANT,
    Channel.PARTNERSHIP: Contract.Kind.PARTNERSHIP,
    Channel.INTERNAL: Contract.Kind.SERVICE_LEVEL,
}
# The contracts register: how each channel's supplier was chosen.
ROUTES = {
    Channel.EXTERNAL_CONTRACT: ProcurementRoute.OPEN,
    Channel.EXTERNAL_GRANT: ProcurementRoute.GRANT,
    Channel.PARTNERSHIP: ProcurementRoute.NOT_PROCURED,
    Channel.INTERNAL: ProcurementRoute.NOT_PROCURED,
    Channel.COPRODUCTION: ProcurementRoute.QUOTATION,
}
# How each KPI's story goes, by its position in the strategy: where the latest actual ends up.
STORIES = ["achieved", "near_miss", "improving_failure", "achieved", "worsening", "achieved"]


def supplier(option_name: str, context: dict) -> dict:
    """Who delivers an adopted option (delivery.yaml `suppliers`): the contract's supplier fields."""
    names = {name.format(**context): spec for name, spec in DELIVERY["suppliers"].items()}
    spec = names[option_name]
    if isinstance(spec, dict):  # the council's own service
        return {
            "provider": f"{COUNCIL_NAME} {spec['in_house']}",
            "sector": Contract.Sector.PUBLIC,
            "supplier_registration": "",
            "supplier_is_sme": False,
        }
    name, sector, registration, sme = spec
    return {"provider": name, "sector": sector, "supplier_registration": registration, "supplier_is_sme": sme}


def term(option, start: date) -> date:
    """The end of an arrangement with no commercial model: an in-house agreement runs to the end of the
    financial year; otherwise as many years as its title says, or as is usual for its channel."""
    if option.channel == Channel.INTERNAL:
        end = dates.financial_year_end(start)
        return end if end - start > timedelta(days=90) else dates.financial_year_end(end + timedelta(days=1))
    years = dates.years_in_title(option.name) or DELIVERY["terms"][option.channel]
    return dates.years_later(start, years)


def _series(baseline: float, target: float, story: str, count: int, rng: random.Random) -> list[float]:
    """Actuals from the baseline towards the target, ending as the story says."""
    if count <= 0:
        return []
    gap = target - baseline or (abs(target) * 0.2 or 1.0)
    if story == "worsening" and count > 1:  # reached the target, then slipped back in the latest period
        values = [baseline + gap * (i + 1) / (count - 1) for i in range(count - 1)]
        values.append(values[-1] - gap * 0.3)
    else:
        ends = {
            "achieved": target + gap * 0.05,
            "near_miss": target - gap * 0.04,
            "improving_failure": target - gap * 0.35,
            "worsening": target - gap * 0.3,
        }
        values = [baseline + (ends[story] - baseline) * (i + 1) / count for i in range(count)]
    # A little noise, never on the last two count (they carry the status and the direction).
    return [
        round(v + (abs(gap) * 0.03 * rng.uniform(-1, 1) if i < count - 2 else 0), 1)
        for i, v in enumerate(values)
    ]


def _words(text: str) -> set[str]:
    """The words of a text that carry its meaning (longer than four letters), in lower case."""
    return {word for word in re.findall(r"[a-z]+", text.lower()) if len(word) > 4}


def _outcomes_delivered(option) -> set[int]:
    """The outcomes an option delivers: those of the services its appraisal covers (or its plan's)."""
    found = {o.pk for s in option.appraisal.services.all() for o in s.outcomes.all()}
    return found or {o.pk for o in option.appraisal.plan.outcomes.all()}


class DeliverySeeder:
    def __init__(self, now, context: dict):
        """`context`: the date placeholders of the demo's text (an option's name may use {fy_end})."""
        self.now = now
        self.today = now.date()
        self.context = context

    def _contracts(self, strategy, owner, started: date) -> list[Contract]:
        options = list(
            DeliveryOption.objects.filter(
                adopted_by__plan__strategy=strategy, adopted_by__plan__cycle=strategy.cycle
            )
            .select_related("appraisal__plan__commercial_model")
            .prefetch_related("appraisal__services__outcomes", "appraisal__plan__outcomes")
            .order_by("appraisal__plan_id", "appraisal_id", "pk")
        )
        covered = set()  # the plans whose commercial model is already some contract's terms
        contracts = []
        for n, option in enumerate(options):
            if option.channel in (Channel.INFLUENCE, Channel.DECOMMISSION):
                continue
            plan = option.appraisal.plan
            model = getattr(plan, "commercial_model", None)
            if (
                option.channel in NEEDS_COMMERCIAL_MODEL
                and plan.pk not in covered
                and model is not None
                and model.start_date
                and model.end_date
            ):
                covered.add(plan.pk)  # the commercial model is this arrangement's terms
                start, end = model.start_date, model.end_date
            else:
                start = started
                end = term(option, start)
            who = supplier(option.name, self.context)
            contract = services.create_contract(
                strategy=strategy,
                option=option,
                acting_user=owner,
                kind=KIND.get(option.channel, Contract.Kind.CONTRACT),
                title=option.name,
                annual_value=option.annual_cost,
                start_date=start,
                end_date=end,
                extension_options=model.extension_options
                if model is not None and (start, end) == (model.start_date, model.end_date)
                else "",
                # The contracts register's fields (Local Government Transparency Code).
                reference=f"DCC-{strategy.reference}-{strategy.cycle}{n + 1:02d}",
                description=option.description,
                procurement_route=ROUTES.get(option.channel, ProcurementRoute.OPEN),
                **who,
            )
            for check in contract.checks.all():
                satisfied = check.topic != DueDiligenceCheck.Topic.INSURANCE or n % 2 == 0
                checked = min(start, self.today)
                DueDiligenceCheck.objects.filter(pk=check.pk).update(
                    status=DueDiligenceCheck.Status.SATISFIED
                    if satisfied
                    else DueDiligenceCheck.Status.TO_DO,
                    evidence=DELIVERY["checked"] if satisfied else "",
                    checked_on=checked if satisfied else None,
                    review_due=checked + timedelta(days=365) if satisfied else None,
                )
            contract.delivers = _outcomes_delivered(option)
            contract.words = _words(
                " ".join(
                    [option.name, option.description, *(s.name for s in option.appraisal.services.all())]
                )
            )
            contracts.append(contract)
        return contracts

    def deliver(self, strategy, owner, started: datetime, until: datetime):
        """Contracts for this cycle's adopted options, and KPIs with an actual for every period that ended
        after `started` and by `until` (never after today)."""
        if strategy.kpis.exists():
            return
        rng = random.Random(strategy.pk * 31)
        contracts = self._contracts(strategy, owner, started.date())
        metrics = list(strategy.performancemetrics.select_related("outcome").order_by("pk"))
        last = min(until.date(), self.today)
        month_ends = periods.due(Kpi.Frequency.MONTHLY, started.date(), last)
        quarter_ends = periods.due(Kpi.Frequency.QUARTERLY, started.date(), last)
        contract_kpis = {
            (ck.plan_id, ck.name): ck
            for plan in strategy.plans.filter(cycle=strategy.cycle)
            for ck in plan.contractkpis.all()
        }
        actuals = []  # every KPI's, recorded at once (as the CSV import records a file): a row each is slow
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
            # The contract that delivers the KPI's outcome (one already running, where there is one).
            delivering = [c for c in contracts if metric.outcome_id in c.delivers]
            # Of those, the one whose words the measure shares most (telecare calls: the telecare contract).
            delivering.sort(key=lambda c: -len(_words(metric.name) & c.words))
            contract = delivering[0] if delivering else None
            # Population measures are reported each quarter, once delivery has run long enough to have two.
            frequency = Kpi.Frequency.MONTHLY
            if i == len(metrics[:6]) - 1 and len(quarter_ends) >= 2:
                frequency = Kpi.Frequency.QUARTERLY
            period_ends = quarter_ends if frequency == Kpi.Frequency.QUARTERLY else month_ends
            kpi = services.create_kpi(
                strategy=strategy,
                acting_user=owner,
                name=metric.name,
                outcome=metric.outcome,
                contract=contract,
                contract_kpi=contract_kpis.get((contract.plan_id, metric.name)) if contract else None,
                unit=metric.unit,
                polarity=metric.polarity,
                baseline=Decimal(str(baseline)),
                target=Decimal(str(target)),
                tolerance=Decimal(str(round(abs(target - baseline) * 0.05, 1))),
                frequency=frequency,
            )
            story = STORIES[(strategy.pk + i) % len(STORIES)]
            values = _series(baseline, target, story, len(period_ends), rng)
            actuals += [
                {"kpi": kpi, "period_end": when, "value": Decimal(str(value))}
                for when, value in zip(period_ends, values, strict=True)
            ]
        if actuals:
            services.record_measurements(rows=actuals, acting_user=owner)
        moment = timezone.make_aware(datetime.combine(started.date(), time(10)))
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


def by_locality(strategies) -> None:
    """The demo localities, and figures by locality for the KPIs delivery.yaml names (for their latest period),
    recorded by each strategy's accountable commissioner."""
    places = {
        code: Locality.objects.update_or_create(
            code=code, defaults={"name": name, "kind": Locality.Kind.LOCALITY}
        )[0]
        for code, name in DELIVERY["localities"]
    }
    for name, factors in DELIVERY["by_locality"].items():
        kpis = Kpi.objects.filter(
            strategy__in=strategies, strategy__stage__in=["do", "review"], name=name
        ).select_related("strategy__accountable_commissioner")
        for kpi in kpis:
            latest = kpi.measurements.order_by("-period_end").first()
            if latest is None:
                continue
            services.record_locality_measurements(
                rows=[
                    {
                        "kpi": kpi,
                        "locality": places[code],
                        "period_end": latest.period_end,
                        "value": (latest.value * Decimal(str(factor))).quantize(Decimal("0.1")),
                    }
                    for code, factor in factors.items()
                ],
                acting_user=kpi.strategy.accountable_commissioner,
            )
