"""Proportionate requirements: whether a checklist item with a threshold (ChecklistThreshold, data kept by
administrators) applies to a strategy, and why; below its threshold an item marked not required
(ChecklistWaiver) is not required.

What a threshold is judged on (the facts) is read in bulk for many strategies at once: the annual value (the
starting position's annual cost, unless a later stage knows better), whether it is a key project and whether
it plans a statutory service. Later stages add facts through `provide`, from their AppConfig.ready (the
gateway: the value and key project status; plans: statutory services)."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Subquery, Sum

from commissioning import formatting
from commissioning.prefetch import read_together

from .models import ChecklistThreshold, ChecklistWaiver, StartingPositionItem

# (strategies) -> {strategy id: {"annual_value": Decimal, "key_project": bool, "statutory": bool}}. Given the
# strategy objects, so that for one strategy a page marked (lifecycle.evaluate_once) a provider can answer from
# what the page reads anyway (the gateway's assessment, this cycle's plans) instead of asking again.
Provider = Callable[[list], dict[int, dict]]
_providers: list[Provider] = []
# (queryset) -> queryset: what a provider can answer from instead of asking, added to a list's query of
# strategies (with_facts(), for checklist.with_part_counts) so that their facts cost no query of their own.
_annotators: list[Callable] = []


def provide(provider: Provider, annotate: Callable | None = None) -> None:
    if provider not in _providers:
        _providers.append(provider)
    if annotate is not None and annotate not in _annotators:
        _annotators.append(annotate)


@dataclass(frozen=True)
class Facts:
    annual_value: Decimal = Decimal(0)
    key_project: bool = False
    statutory: bool = False


@dataclass
class Proportion:
    thresholds: dict = field(default_factory=dict)  # item key -> ChecklistThreshold
    facts: Facts = field(default_factory=Facts)
    waivers: dict = field(default_factory=dict)  # item key -> ChecklistWaiver


def with_facts(strategies):
    """`strategies` (a queryset) with what facts_of() and the providers read about them, in the same query."""
    total = (
        StartingPositionItem.objects.filter(strategy=OuterRef("pk"))
        .order_by()
        .values("strategy")
        .annotate(total=Sum("annual_cost"))
        .values("total")
    )
    waivers = ChecklistWaiver.objects.filter(strategy=OuterRef("pk")).order_by("pk")
    strategies = strategies.annotate(
        starting_annual_value=Subquery(total),
        # The waivers, as arrays of their fields (load() makes them waivers again): small, and no query more.
        **{f"waiver_{name}s": ArraySubquery(waivers.values(name)) for name in _WAIVER_FIELDS},
    )
    for annotate in _annotators:
        strategies = annotate(strategies)
    return strategies


def facts_of(strategies: list) -> dict[int, Facts]:
    ids = [s.pk for s in strategies]
    found = {pk: {} for pk in ids}
    for provider in _providers:
        for pk, more in provider(strategies).items():
            found[pk].update(more)
    # The starting position's annual cost, for those no later stage gave a value (the gateway's assessment):
    # from what with_facts() read with them, else in one query.
    missing = [s for s in strategies if "annual_value" not in found[s.pk]]
    if all(hasattr(s, "starting_annual_value") for s in missing):
        values = {s.pk: s.starting_annual_value for s in missing}
    else:
        values = dict(
            StartingPositionItem.objects.filter(strategy__in=[s.pk for s in missing])
            .order_by()
            .values("strategy")
            .annotate(total=Sum("annual_cost"))
            .values_list("strategy", "total")
        )
    missing = [s.pk for s in missing]
    for pk in missing:
        found[pk]["annual_value"] = values.get(pk) or Decimal(0)
    return {pk: Facts(**f) for pk, f in found.items()}


_WAIVER_FIELDS = ("id", "item", "reason", "recorded_by_id", "recorded_at")


def _waivers(strategies: list):
    """The waivers of these strategies: from what with_facts() read with them, else in a query."""
    if not all(hasattr(s, "waiver_ids") for s in strategies):
        return ChecklistWaiver.objects.filter(strategy__in=[s.pk for s in strategies])
    return [
        ChecklistWaiver(strategy_id=s.pk, **dict(zip(_WAIVER_FIELDS, values, strict=True)))
        for s in strategies
        for values in zip(*(getattr(s, f"waiver_{name}s") for name in _WAIVER_FIELDS), strict=True)
    ]


def read_thresholds() -> dict:
    """Every item's threshold, by item key."""
    return {t.item: t for t in ChecklistThreshold.objects.all()}


def load(strategies, thresholds: dict | None = None) -> None:
    """Read what the checklists of these strategies need to be proportionate, in a fixed number of queries,
    and keep it on each (`_proportion`). `thresholds`: read_thresholds(), if the caller read them already."""
    strategies = list(strategies)
    ids = [s.pk for s in strategies]
    waived = None
    if thresholds is None and ids and not all(hasattr(s, "waiver_ids") for s in strategies):
        # The thresholds and these strategies' waivers, in one query (the waivers count only with thresholds).
        read, waived = read_together(
            ChecklistThreshold.objects.all(), ChecklistWaiver.objects.filter(strategy__in=ids)
        )
        thresholds = {t.item: t for t in read}
    elif thresholds is None:
        thresholds = read_thresholds()
    facts = facts_of(strategies) if thresholds and ids else {}
    waivers: dict[int, dict] = {}
    if thresholds and ids:
        for w in _waivers(strategies) if waived is None else waived:
            waivers.setdefault(w.strategy_id, {})[w.item] = w
    for s in strategies:
        s._proportion = Proportion(thresholds, facts.get(s.pk, Facts()), waivers.get(s.pk, {}))


def of(strategy) -> Proportion:
    if getattr(strategy, "_proportion", None) is None:
        load([strategy])
    return strategy._proportion


def _money(value) -> str:
    return formatting.quantity(Decimal(value).quantize(Decimal(1)), "£")


def _applies_because(threshold, facts: Facts) -> list[str]:
    reasons = []
    if threshold.min_annual_value is not None and facts.annual_value >= threshold.min_annual_value:
        reasons.append(
            f"its annual value of {_money(facts.annual_value)} is at least "
            f"{_money(threshold.min_annual_value)}"
        )
    if threshold.key_projects and facts.key_project:
        reasons.append("it is a key project")
    if threshold.statutory and facts.statutory:
        reasons.append("it plans a statutory service")
    return reasons


def describe(threshold) -> str:
    parts = []
    if threshold.min_annual_value is not None:
        parts.append(f"an annual value of {_money(threshold.min_annual_value)} or more")
    if threshold.key_projects:
        parts.append("a key project")
    if threshold.statutory:
        parts.append("a statutory service")
    return " or ".join(parts) or "never"


def apply(item, proportion: Proportion):
    """The item with why it applies, or (below its threshold) whether it is marked not required."""
    threshold = proportion.thresholds.get(item.key)
    if threshold is None:
        return replace(item, why="Required of every strategy.")
    reasons = _applies_because(threshold, proportion.facts)
    if reasons:
        return replace(item, why=f"Applies because {' and '.join(reasons)}.")
    below = f"below its threshold ({describe(threshold)})"
    waiver = proportion.waivers.get(item.key)
    if waiver is not None:
        return replace(
            item,
            required=False,
            waivable=True,
            why=f"Not required: {waiver.reason} (the strategy is {below}).",
        )
    return replace(
        item, waivable=True, why=f"The strategy is {below}: it may be marked not required, with a reason."
    )
