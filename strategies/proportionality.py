"""Proportionate requirements: whether a checklist item with a threshold (ChecklistThreshold, data kept by
administrators) applies to a strategy, and why; below its threshold an item marked not required
(ChecklistWaiver) is not required.

What a threshold is judged on (the facts) is read in bulk for many strategies at once: the annual value (the
starting position's annual cost, unless a later stage knows better), whether it is a key project and whether
it plans a statutory service. Later stages add facts through `provide`, from their AppConfig.ready (the
gateway: the value and key project status; plans: statutory services), in Python and in SQL (with_facts,
with_waived: for the checklists of many strategies worked out in the database, checklist.with_missing)."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import reduce
from operator import or_

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.db.models import CharField, DecimalField, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, GreaterThanOrEqual

from commissioning import formatting
from commissioning.prefetch import read_together

from .models import ChecklistThreshold, ChecklistWaiver, StartingPositionItem

# (strategies) -> {strategy id: {"annual_value": Decimal, "key_project": bool, "statutory": bool}}. Given the
# strategy objects, so that for one strategy a page marked (lifecycle.evaluate_once) a provider can answer from
# what the page reads anyway (the gateway's assessment, this cycle's plans) instead of asking again.
Provider = Callable[[list], dict[int, dict]]
_providers: list[Provider] = []
# (queryset) -> queryset, with which of its annotations is which fact: the same facts in SQL (with_facts()).
_annotators: list[tuple[Callable, dict[str, str]]] = []


def provide(
    provider: Provider, annotate: Callable | None = None, facts: dict[str, str] | None = None
) -> None:
    """`provider` answers facts in Python; `annotate` adds them to a queryset of strategies, `facts` naming
    which annotation is which fact (as `provider` names them)."""
    if provider not in _providers:
        _providers.append(provider)
    if annotate is not None and (annotate, facts or {}) not in _annotators:
        _annotators.append((annotate, facts or {}))


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
    """`strategies` (a queryset) annotated with the facts that facts_of() works out, in SQL:
    `fact_annual_value`, `fact_key_project` and `fact_statutory`."""
    total = (
        StartingPositionItem.objects.filter(strategy=OuterRef("pk"))
        .order_by()
        .values("strategy")
        .annotate(total=Sum("annual_cost"))
        .values("total")
    )
    money = DecimalField(max_digits=16, decimal_places=2)
    # As Facts' defaults and facts_of(): a later stage's fact over these.
    facts = {
        "annual_value": Coalesce(Subquery(total), Value(Decimal(0)), output_field=money),
        "key_project": Value(False),
        "statutory": Value(False),
    }
    for annotate, names in _annotators:
        strategies = annotate(strategies)
        facts.update({fact: F(name) for fact, name in names.items()})
    return strategies.annotate(**{f"fact_{name}": value for name, value in facts.items()})


def with_waived(strategies):
    """`strategies` (a queryset) annotated with `waived`, in SQL: the keys of the items each marked not
    required while below their threshold (those apply() makes not required). One query first, for the
    thresholds of the items any of them marked: the facts (with_facts) are added only if one did, and looked
    at only for a strategy's waivers of those items (few)."""
    marked = ChecklistWaiver.objects.filter(item=OuterRef("item"), strategy__in=strategies.values("pk"))
    thresholds = list(ChecklistThreshold.objects.filter(Exists(marked)))
    if not thresholds:
        return strategies.annotate(waived=Value([], output_field=ArrayField(CharField())))
    # The facts once for each different threshold (the defaults share one), not once an item.
    alike: dict[tuple, list[str]] = {}
    for threshold in thresholds:
        alike.setdefault(
            (threshold.min_annual_value, threshold.key_projects, threshold.statutory), []
        ).append(threshold.item)
    below = []
    for threshold, items in alike.items():
        applies = _applies(*threshold)
        below.append(Q(item__in=items) if applies is None else Q(item__in=items) & ~applies)
    waivers = ChecklistWaiver.objects.filter(reduce(or_, below), strategy=OuterRef("pk"))
    return with_facts(strategies).annotate(waived=ArraySubquery(waivers.values("item")))


def _applies(min_annual_value, key_projects, statutory) -> Q | None:
    """Whether _applies_because() finds a reason, of the facts of the strategy the query is about
    (with_facts); None if a threshold can never apply."""
    reasons = []
    if min_annual_value is not None:
        reasons.append(GreaterThanOrEqual(OuterRef("fact_annual_value"), min_annual_value))
    if key_projects:
        reasons.append(Exact(OuterRef("fact_key_project"), True))
    if statutory:
        reasons.append(Exact(OuterRef("fact_statutory"), True))
    return Q(*reasons, _connector=Q.OR) if reasons else None


def facts_of(strategies: list) -> dict[int, Facts]:
    ids = [s.pk for s in strategies]
    found = {pk: {} for pk in ids}
    for provider in _providers:
        for pk, more in provider(strategies).items():
            found[pk].update(more)
    # The starting position's annual cost, for those no later stage gave a value (the gateway's assessment).
    missing = [s.pk for s in strategies if "annual_value" not in found[s.pk]]
    values = dict(
        StartingPositionItem.objects.filter(strategy__in=missing)
        .order_by()
        .values("strategy")
        .annotate(total=Sum("annual_cost"))
        .values_list("strategy", "total")
    )
    for pk in missing:
        found[pk]["annual_value"] = values.get(pk) or Decimal(0)
    return {pk: Facts(**f) for pk, f in found.items()}


def read_thresholds() -> dict:
    """Every item's threshold, by item key."""
    return {t.item: t for t in ChecklistThreshold.objects.all()}


def load(strategies, thresholds: dict | None = None) -> None:
    """Read what the checklists of these strategies need to be proportionate, in a fixed number of queries,
    and keep it on each (`_proportion`). `thresholds`: read_thresholds(), if the caller read them already."""
    strategies = list(strategies)
    ids = [s.pk for s in strategies]
    marked = None
    if thresholds is None and ids:
        # The thresholds and these strategies' waivers, in one query (the waivers count only with thresholds).
        read, marked = read_together(
            ChecklistThreshold.objects.all(), ChecklistWaiver.objects.filter(strategy__in=ids)
        )
        thresholds = {t.item: t for t in read}
    elif thresholds is None:
        thresholds = read_thresholds()
    facts = facts_of(strategies) if thresholds and ids else {}
    waivers: dict[int, dict] = {}
    if thresholds and ids:
        for w in ChecklistWaiver.objects.filter(strategy__in=ids) if marked is None else marked:
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
