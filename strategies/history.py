"""What changed, by whom and when, across a strategy and all its parts (django-simple-history)."""

from dataclasses import dataclass
from itertools import pairwise

from commissioning.versioning import FieldChange, display_value

from .models import Strategy
from .sections import SECTIONS

ACTIONS = {"+": "Added", "~": "Changed", "-": "Removed"}
HIDDEN = {
    "version",
    "history_id",
    "history_date",
    "history_user",
    "history_type",
    "history_change_reason",
    "history_user_id",
    "id",
    "strategy",
    "created_at",
    "updated_at",
    "cycle",
}


@dataclass
class Entry:
    when: object
    who: object
    action: str
    part: str
    label: str
    changes: list[FieldChange]
    reason: str = ""


def _fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in HIDDEN and f.attname not in HIDDEN]


def _changes(model, old, new) -> list[FieldChange]:
    changes = []
    for f in _fields(model):
        before = getattr(old, f.attname) if old is not None else None
        after = getattr(new, f.attname)
        if before != after and not (old is None and after in ("", None, False)):
            changes.append(
                FieldChange(
                    str(f.verbose_name).capitalize(),
                    display_value(new.instance, f.name, before) if old is not None else "",
                    display_value(new.instance, f.name, after),
                )
            )
    return changes


def _entries(model, records, part_title) -> list[Entry]:
    by_object: dict[int, list] = {}
    for record in records:
        by_object.setdefault(record.id, []).append(record)
    entries = []
    for versions in by_object.values():
        versions.sort(key=lambda r: (r.history_date, r.history_id))
        for old, new in pairwise([None, *versions]):
            changes = [] if new.history_type == "-" else _changes(model, old, new)
            if new.history_type == "~" and not changes:
                continue  # e.g. a stage change, shown on the timeline instead
            entries.append(
                Entry(
                    new.history_date,
                    new.history_user,
                    ACTIONS[new.history_type],
                    part_title,
                    str(new.instance),
                    changes,
                    new.history_change_reason or "",
                )
            )
    return entries


def for_strategy(strategy: Strategy, limit: int = 200) -> list[Entry]:
    entries = _entries(Strategy, strategy.history.select_related("history_user"), "Strategy")
    for section in SECTIONS:
        if section.kind != "items":
            continue
        records = section.model.history.filter(strategy_id=strategy.pk).select_related("history_user")
        entries.extend(_entries(section.model, records, section.title))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
