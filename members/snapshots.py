"""The exact content councillors are asked to approve, as a snapshot with a hash.

An approval is of a version: the request stores the snapshot and its SHA-256; each decision stores the
hash it was made on. If the content is edited afterwards its hash changes, the approval is stale, and
`differences()` says what changed between the approved and the current version.

A strategy's approval covers its purpose, scope, outcomes and performance measures; a plan's covers the
plan itself, its services analysis, its delivery analysis (options appraisals) and its commercial model
with its KPIs. Milestones and risks are left out on purpose: they are updated all through delivery, and
updating them is not a change to what was approved.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Prefetch

from commissioning.prefetch import by_pk
from strategies.models import FrameworkIndicator

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
    return {"label": str(label), "fields": _fields(obj, skip)}


def _section(title, items) -> dict:
    return {"title": title, "items": list(items)}


STRATEGY_FIELDS = ("reference", "title", "purpose")


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


def of_outcomes(strategy) -> dict:
    meta = strategy._meta
    own = [
        [str(meta.get_field(n).verbose_name).capitalize(), _text(strategy, meta.get_field(n))]
        for n in STRATEGY_FIELDS
    ]
    return {
        "sections": [
            _section("Strategy", [{"label": strategy.reference, "fields": own}]),
            _section("Scope", (_item(s.area, s) for s in by_pk(strategy, "scopeitems"))),
            _section("Outcomes", (_item(o.title, o) for o in by_pk(strategy, "outcomes", _with_links))),
            _section(
                "Performance measures",
                (
                    _item(m.name, m)
                    for m in by_pk(strategy, "performancemetrics", lambda r: r.select_related("outcome"))
                ),
            ),
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


def digest(snapshot: dict) -> str:
    canonical = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


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


def _flatten(snapshot: dict) -> dict[tuple[str, str], dict[str, str]]:
    flat = {}
    for section in snapshot.get("sections", []):
        for item in section["items"]:
            flat[(section["title"], item["label"])] = dict(item["fields"])
    return flat


def differences(approved: dict, current: dict) -> list[Difference]:
    """What changed between the approved snapshot and the current content, item by item."""
    old, new = _flatten(approved), _flatten(current)
    changes = []
    for key in [*old, *(k for k in new if k not in old)]:
        section, item = key
        if key not in new:
            changes.append(Difference(section, item, "", "Present", ""))
        elif key not in old:
            changes.append(Difference(section, item, "", "", "Added"))
        else:
            for label in [*old[key], *(f for f in new[key] if f not in old[key])]:
                before, after = old[key].get(label, ""), new[key].get(label, "")
                if before != after:
                    changes.append(Difference(section, item, label, before, after))
    return changes
