"""What changed, by whom and when, across a record and its parts (django-simple-history), as one list."""

from dataclasses import dataclass
from functools import partial
from itertools import pairwise

from . import limits
from .prefetch import read_together

ACTIONS = {"+": "Added", "~": "Changed", "-": "Removed"}
HIDDEN = {"version", "history_id", "history_date", "history_user", "history_type", "history_change_reason",
          "history_user_id", "id", "created_at", "updated_at", "cycle"}  # fmt: skip


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


class Lookups(dict):
    """A cache for display_value() that defers looking related rows up: each value it is asked for is a
    label filled in by resolve(), which reads every row of a model at once. So a history page makes one
    query per related model, however many rows its changes name."""

    def label(self, model, pk) -> "Label":
        self.setdefault((model, pk), None)
        return Label(self, (model, pk))

    def text(self, *parts) -> "Text":
        """A row's label made of plain text and Labels (e.g. two related rows' names), filled in later."""
        return Text(parts)

    def resolve(self) -> None:
        """Every row asked for, of every model, read in one query (prefetch.read_together)."""
        wanted: dict = {}
        for (model, pk), found in self.items():
            if found is None:
                wanted.setdefault(model, set()).add(pk)
        models = list(wanted)
        found = read_together(*(model._default_manager.filter(pk__in=wanted[model]) for model in models))
        for model, rows in zip(models, found, strict=True):
            for row in rows:
                self[(model, row.pk)] = str(row)
            for pk in wanted[model]:
                if self[(model, pk)] is None:
                    self[(model, pk)] = f"#{pk}"


class Label:
    """A related row's name, read from its Lookups once they are resolved."""

    def __init__(self, lookups: Lookups, key):
        self.lookups, self.key = lookups, key

    def __str__(self) -> str:
        return self.lookups.get(self.key) or f"#{self.key[1]}"

    def __eq__(self, other):
        return str(self) == str(other)

    __hash__ = None


class Text:
    def __init__(self, parts):
        self.parts = parts

    def __str__(self) -> str:
        return "".join(str(part) for part in self.parts)


class Labels:
    """Several related rows' names, sorted and joined (a many-to-many field's value)."""

    def __init__(self, labels: list[Label]):
        self.labels = labels

    def __str__(self) -> str:
        return ", ".join(sorted(str(label) for label in self.labels)) or "(none)"


def display_value(instance, field_name, value, cache=None):
    """A field's value as a person reads it (`instance`: a model or its class). `cache` (a dict) saves
    looking the same related row up twice; a Lookups defers every look-up to its resolve()."""
    model_field = instance._meta.get_field(field_name)
    deferred = isinstance(cache, Lookups)
    if model_field.many_to_many and deferred:
        key = model_field.m2m_reverse_field_name()
        return Labels([cache.label(model_field.related_model, row[key]) for row in value or []])
    if model_field.many_to_many:
        key = model_field.m2m_reverse_field_name()
        ids = [row[key] for row in value or []]
        people = model_field.related_model._default_manager.filter(pk__in=ids)
        return ", ".join(sorted(str(p) for p in people)) or "(none)"
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value) or "(blank)"
    if value in (None, ""):
        return "(blank)"
    if model_field.is_relation and deferred:
        return cache.label(model_field.related_model, value)
    if model_field.is_relation:
        key = (model_field.related_model, value)
        if cache is None or key not in cache:
            related = model_field.related_model._default_manager.filter(pk=value).first()
            label = str(related) if related else f"#{value}"
            if cache is None:
                return label
            cache[key] = label
        return cache[key]
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


@dataclass
class Entry:
    when: object
    who: object
    action: str
    part: str
    label: str
    changes: list[FieldChange]
    reason: str = ""


def _changes(model, old, new, hidden, cache) -> list[FieldChange]:
    changes = []
    tracked = {f.attname for f in type(new)._meta.concrete_fields}  # not the fields history excludes
    for f in model._meta.concrete_fields:
        if f.name in hidden or f.attname in hidden or f.attname not in tracked:
            continue
        before = getattr(old, f.attname) if old is not None else None
        after = getattr(new, f.attname)
        if before != after and not (old is None and after in ("", None, False)):
            changes.append(
                FieldChange(
                    str(f.verbose_name).capitalize(),
                    display_value(model, f.name, before, cache) if old is not None else "",
                    display_value(model, f.name, after, cache),
                )
            )
    return changes


def entries(model, records, part_title, parent_field="", cache=None, label=None) -> list[Entry]:
    """History entries of one model's records (a queryset of its historical rows), diffed in memory.
    `label(record)` names a row where str() of it would look related rows up one by one; without it, a model
    whose name is made of related rows says how (`history_label(record, lookups)`), read with the rest."""
    hidden = HIDDEN | ({parent_field, f"{parent_field}_id"} if parent_field else set())
    cache = {} if cache is None else cache
    if label is None and isinstance(cache, Lookups) and hasattr(model, "history_label"):
        label = partial(model.history_label, lookups=cache)
    by_object: dict[int, list] = {}
    for record in records.select_related("history_user"):
        by_object.setdefault(record.id, []).append(record)
    out = []
    for versions in by_object.values():
        versions.sort(key=lambda r: (r.history_date, r.history_id))
        for old, new in pairwise([None, *versions]):
            changes = [] if new.history_type == "-" else _changes(model, old, new, hidden, cache)
            if new.history_type == "~" and not changes:
                continue  # e.g. a stage change, shown on the timeline instead
            out.append(
                Entry(
                    new.history_date,
                    new.history_user,
                    ACTIONS[new.history_type],
                    part_title,
                    label(new) if label else str(new.instance),
                    changes,
                    new.history_change_reason or "",
                )
            )
    return out


def newest_first(all_entries: list[Entry], limit: int = 200, lookups: Lookups | None = None) -> list[Entry]:
    """The latest `limit` entries; the related rows their changes name (`lookups`) read at once."""
    if lookups is not None:
        lookups.resolve()
    return sorted(all_entries, key=lambda e: e.when, reverse=True)[:limit]


def audited(obj, acting_user, reason: str = ""):
    """Stamp a record about to be saved or deleted with who did it (and why), for its history row.
    The reason column holds 100 characters; the full text belongs on the record itself. Every service
    write comes through here, so a value past its field's limit (commissioning.limits) is refused here."""
    from django.utils.text import Truncator

    limits.check(obj)
    obj._history_user = acting_user
    if reason:
        obj._change_reason = Truncator(reason).chars(100)
    return obj
