"""The exact content councillors are asked to approve, as a snapshot with a hash.

An approval is of a version: the request stores the snapshot and its SHA-256; each decision stores the
hash it was made on. If the content is edited afterwards its hash changes, the approval is stale, and
`differences()` says what changed between the approved and the current version.

A strategy's approval covers its purpose, the summary of its needs analysis, its outcomes, performance
measures and scope (in the order the minimum requirements give them); a plan's covers the
plan itself, its services analysis, its delivery analysis (options appraisals) and its commercial model
with its KPIs. Milestones and risks are left out on purpose: they are updated all through delivery, and
updating them is not a change to what was approved.

Each item carries a `key` (its kind and id), so a renamed outcome is matched with what it was and shown
as a change, not a removal and an addition (issue 23). The key is not content: the digest leaves it out.
An approval is compared with the content now in its own shape, only the sections it holds, in its order:
so the needs analysis, added to snapshots by issue 23, leaves the approvals given before it current.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Prefetch, prefetch_related_objects

from commissioning.prefetch import attach, by_pk, prefetched, read_together
from strategies.models import (
    CouncilPriority,
    FrameworkIndicator,
    Outcome,
    OutcomeFramework,
    PerformanceMetric,
    ScopeItem,
)

from .models import Subject

# Bookkeeping, not content.
_SKIP = {"id", "version", "created_at", "updated_at", "strategy", "plan", "appraisal", "cycle", "file"}


# Links added after approvals were first taken (an outcome's council plan priorities and framework
# indicators): left out while empty, so those approvals keep their hash.
_LINKS_IF_SET = {"priorities", "indicators"}


def _text(obj, field) -> str:
    value = getattr(obj, field.attname)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value) or "")
    if value is None or value == "":
        return ""
    if field.is_relation:
        return str(getattr(obj, field.name))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value).strip()


def _fields(obj, skip=()) -> list[list[str]]:
    rows = []
    for field in obj._meta.concrete_fields:
        if field.name in _SKIP or field.name in skip or field.name.startswith("_"):
            continue
        rows.append([str(field.verbose_name).capitalize(), _text(obj, field)])
    for field in obj._meta.many_to_many:
        names = sorted(str(related) for related in getattr(obj, field.name).all())
        if not names and field.name in _LINKS_IF_SET:
            continue
        rows.append([str(field.verbose_name).capitalize(), ", ".join(names)])
    return rows


def _item(label, obj, skip=()) -> dict:
    return {"label": str(label), "key": f"{obj._meta.model_name}:{obj.pk}", "fields": _fields(obj, skip)}


def _section(title, items) -> dict:
    return {"title": title, "items": list(items)}


STRATEGY_FIELDS = ("reference", "title", "purpose")
NEEDS_FIELDS = ("summary_of_findings", "needs_methodology")  # the needs analysis, as councillors read it


def _impact(record, name) -> list[dict]:
    """The integrated impact assessment, as a section only once one is written: approvals taken before
    assessments were recorded keep their hash."""
    entries = by_pk(record, name, lambda r: r.select_related("area"))
    if not entries:
        return []
    return [
        _section("Integrated impact assessment", (_item(e.area.name, e, skip=("area",)) for e in entries))
    ]


def outcome_links():
    """What an outcome's snapshot reads of its links: prefetch them with the outcomes."""
    return [
        "priorities",
        Prefetch("indicators", queryset=FrameworkIndicator.objects.select_related("framework")),
    ]


def _with_links(outcomes):
    return outcomes.prefetch_related(*outcome_links())


def read_outcome_content(strategy) -> None:
    """For a page: the strategy's outcomes read once on it (its plans' links to outcomes find them there:
    plans.selectors.of_this_cycle), then its performance measures, its scope and its outcomes' links
    together, in one query."""
    prefetch_related_objects([strategy], "outcomes")
    if prefetched(strategy, "performancemetrics") or prefetched(strategy, "scopeitems"):
        return
    outcomes = list(strategy.outcomes.all())
    linked = [o for o in outcomes if not prefetched(o, "priorities") or not prefetched(o, "indicators")]
    metrics, scope, *links = read_together(
        PerformanceMetric.objects.filter(strategy=strategy),
        ScopeItem.objects.filter(strategy=strategy),
        *_links([o.pk for o in linked]),
    )
    outcomes_by_pk = {o.pk: o for o in outcomes}
    for metric in metrics:
        if metric.outcome_id in outcomes_by_pk:
            metric.outcome = outcomes_by_pk[metric.outcome_id]
    attach(strategy, "performancemetrics", metrics)
    attach(strategy, "scopeitems", scope)
    _give_links(linked, *links)


def _outcomes(strategy) -> list:
    """The strategy's outcomes with their links: read with them, or (when a page read the outcomes alone
    already) read for them."""
    outcomes = by_pk(strategy, "outcomes", _with_links)
    linked = [o for o in outcomes if not prefetched(o, "priorities") or not prefetched(o, "indicators")]
    if linked:
        _give_links(linked, *read_together(*_links([o.pk for o in linked])))
    return outcomes


def _links(ids) -> list:
    """What prefetch_related(*outcome_links()) reads of these outcomes, as querysets for read_together: the
    links to council plan priorities and framework indicators, and those with their frameworks."""
    to_priorities = Outcome.priorities.through.objects.filter(outcome__in=ids)
    to_indicators = Outcome.indicators.through.objects.filter(outcome__in=ids)
    indicator_ids = to_indicators.values("frameworkindicator")
    return [
        to_priorities,
        to_indicators,
        CouncilPriority.objects.filter(pk__in=to_priorities.values("councilpriority")),
        FrameworkIndicator.objects.filter(pk__in=indicator_ids),
        OutcomeFramework.objects.filter(
            pk__in=FrameworkIndicator.objects.filter(pk__in=indicator_ids).values("framework")
        ),
    ]


def _give_links(outcomes, p_links, i_links, priorities, indicators, frameworks) -> None:
    """Each outcome its priorities and indicators (each in its order), as prefetch_related would."""
    frameworks_by_pk = {f.pk: f for f in frameworks}
    for indicator in indicators:
        indicator.framework = frameworks_by_pk[indicator.framework_id]
    p_links = {(link.outcome_id, link.councilpriority_id) for link in p_links}
    i_links = {(link.outcome_id, link.frameworkindicator_id) for link in i_links}
    for outcome in outcomes:
        attach(outcome, "priorities", [p for p in priorities if (outcome.pk, p.pk) in p_links])
        attach(outcome, "indicators", [i for i in indicators if (outcome.pk, i.pk) in i_links])


def of_outcomes(strategy) -> dict:
    meta = strategy._meta

    def own(names):
        return [
            [str(meta.get_field(n).verbose_name).capitalize(), _text(strategy, meta.get_field(n))]
            for n in names
        ]

    key = f"strategy:{strategy.pk}"
    return {
        "sections": [
            _section("Strategy", [{"label": strategy.reference, "key": key, "fields": own(STRATEGY_FIELDS)}]),
            _section("Needs analysis", [{"label": "Summary", "key": key, "fields": own(NEEDS_FIELDS)}]),
            _section("Outcomes", (_item(o.title, o) for o in _outcomes(strategy))),
            _section(
                "Performance measures",
                (
                    _item(m.name, m)
                    for m in by_pk(strategy, "performancemetrics", lambda r: r.select_related("outcome"))
                ),
            ),
            _section("Scope", (_item(s.area, s) for s in by_pk(strategy, "scopeitems"))),
            *_impact(strategy, "impactentrys"),
        ]
    }


def of_plan(plan) -> dict:
    sections = [
        _section("Plan", [_item(plan.title, plan)]),
        _section(
            "Services analysis",
            (
                _item(s.name, s)
                for s in by_pk(plan, "plannedservices", lambda r: r.prefetch_related("outcomes"))
            ),
        ),
    ]
    delivery = []
    for appraisal in by_pk(
        plan,
        "optionsappraisals",
        lambda r: r.select_related("adopted_option").prefetch_related(
            "services", "criteria", "options__scores__criterion"
        ),
    ):
        # Not the baseline: it changes no cost or benefit councillors approved, only how the figures are
        # compared, and naming it (migration plans 0004) must not make every approved plan's approval stale.
        delivery.append(_item(f"Appraisal: {appraisal.title}", appraisal, skip=("baseline_option",)))
        for criterion in sorted(appraisal.criteria.all(), key=lambda c: c.pk):
            delivery.append(_item(f"{appraisal.title}: criterion {criterion.name}", criterion))
        for option in sorted(appraisal.options.all(), key=lambda o: o.pk):
            item = _item(f"{appraisal.title}: option {option.name}", option)
            scores = sorted(option.scores.all(), key=lambda s: s.criterion_id)
            item["fields"] += [[f"Score: {s.criterion.name}", str(s.score)] for s in scores]
            delivery.append(item)
    sections.append(_section("Delivery analysis", delivery))
    commercial = []
    model = getattr(plan, "commercial_model", None)  # the reverse one-to-one raises an AttributeError
    if model is not None:
        commercial.append(_item("Commercial model", model))
    commercial += [_item(f"KPI: {k.name}", k) for k in by_pk(plan, "contractkpis")]
    sections.append(_section("Commercial model", commercial))
    sections += _impact(plan, "planimpactentrys")
    return {"sections": sections}


def take(subject: str, strategy, plan=None) -> dict:
    return of_plan(plan) if subject == Subject.PLAN else of_outcomes(strategy)


def _content(snapshot: dict) -> dict:
    """The snapshot without the items' keys (bookkeeping, so a digest is of the content alone)."""
    return {
        **snapshot,
        "sections": [
            {**section, "items": [{k: v for k, v in item.items() if k != "key"} for item in section["items"]]}
            for section in snapshot.get("sections", [])
        ],
    }


def digest(snapshot: dict) -> str:
    canonical = json.dumps(_content(snapshot), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def shaped_like(approved: dict, now: dict) -> dict:
    """The content now, in the approved snapshot's shape: its sections only, in its order."""
    by_title = {section["title"]: section for section in now.get("sections", [])}
    titles = [section["title"] for section in approved.get("sections", [])]
    return {**now, "sections": [by_title[t] for t in titles if t in by_title]}


def unchanged(approved: dict, content_hash: str, now: dict) -> bool:
    """Whether the content now is what was approved (`content_hash` is the digest of `approved`)."""
    return digest(shaped_like(approved, now)) == content_hash


@dataclass
class Difference:
    section: str
    item: str
    field: str
    approved: str
    current: str

    @property
    def kind(self) -> str:
        if self.field == "":
            return "added" if not self.approved else "removed"
        return "changed"


def _flatten(snapshot: dict, by_key: bool) -> dict[tuple[str, str], tuple[str, dict[str, str]]]:
    """Each item by (section, its key, or its label in a snapshot taken before items had keys)."""
    flat = {}
    for section in snapshot.get("sections", []):
        for item in section["items"]:
            who = item.get("key") if by_key else item["label"]
            flat[(section["title"], who)] = (item["label"], dict(item["fields"]))
    return flat


def _keyed(snapshot: dict) -> bool:
    return all("key" in item for section in snapshot.get("sections", []) for item in section["items"])


def differences(approved: dict, current: dict) -> list[Difference]:
    """What changed between the approved snapshot and the current content, item by item: matched by the
    item (a renamed outcome is a change of its name), or by name in a snapshot taken before items had keys.
    Only the sections the approval covered."""
    current = shaped_like(approved, current)
    by_key = _keyed(approved) and _keyed(current)
    old, new = _flatten(approved, by_key), _flatten(current, by_key)
    changes = []
    for key in [*old, *(k for k in new if k not in old)]:
        section = key[0]
        if key not in new:
            changes.append(Difference(section, old[key][0], "", "Present", ""))
        elif key not in old:
            changes.append(Difference(section, new[key][0], "", "", "Added"))
        else:
            (was, before_fields), (name, after_fields) = old[key], new[key]
            if was != name:
                changes.append(Difference(section, name, "Name", was, name))
            for label in [*before_fields, *(f for f in after_fields if f not in before_fields)]:
                before, after = before_fields.get(label, ""), after_fields.get(label, "")
                if before != after:
                    changes.append(Difference(section, name, label, before, after))
    return changes
