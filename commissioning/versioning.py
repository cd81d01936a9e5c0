"""No lost edits: compare-and-save under a row lock, and say what changed when a form is stale."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from .dates import check_dates
from .history import FieldChange, audited, display_value


@dataclass
class StaleEdit(Exception):  # noqa: N818 - it is a refusal the user sees, not a programming error
    """Someone saved this record after the form was loaded."""

    current: object
    changes: list[FieldChange] = field(default_factory=list)
    changed_by: object = None
    changed_at: object = None
    deleted: bool = False

    def __str__(self):
        if self.deleted:
            return "Someone else deleted this while you were editing it. Your changes have not been saved."
        who = f" by {self.changed_by}" if self.changed_by else ""
        return (
            f"Someone else changed this{who} while you were editing it. Your changes have not been saved: "
            "check what changed, then make your changes again."
        )


def diff_records(old, new, exclude=("version",)) -> list[FieldChange]:
    """Field-by-field differences between two historical records (django-simple-history) of one object."""
    if old is None:
        return []
    delta = new.diff_against(old, excluded_fields=list(exclude))
    changes = []
    for change in delta.changes:
        label = new.instance_type._meta.get_field(change.field).verbose_name
        changes.append(
            FieldChange(
                label=str(label).capitalize(),
                before=display_value(new.instance_type, change.field, change.old),
                after=display_value(new.instance_type, change.field, change.new),
            )
        )
    return changes


def changes_since(current, seen_version) -> StaleEdit:
    history = list(current.history.filter(version__gte=seen_version).order_by("history_date", "history_id"))
    seen = next((h for h in history if h.version == seen_version), None)
    latest = history[-1] if history else None
    changes = diff_records(seen, latest) if latest else []
    return StaleEdit(
        current=current,
        changes=changes,
        changed_by=latest.history_user if latest else None,
        changed_at=latest.history_date if latest else None,
    )


def save_if_current(model, pk, seen_version: int, apply: Callable, acting_user):
    """Lock the row, refuse with StaleEdit if it moved on since `seen_version`, else apply and save."""

    with transaction.atomic():
        obj = model._default_manager.select_for_update().filter(pk=pk).first()
        if obj is None:
            raise StaleEdit(current=None, deleted=True)
        if obj.version != seen_version:
            raise changes_since(obj, seen_version)
        apply(obj)
        obj.version += 1
        audited(obj, acting_user).save()
        return obj


def delete_if_current(model, pk, seen_version: int, acting_user, **scope) -> None:
    """Lock the row (within `scope`, e.g. its parent), refuse with StaleEdit if it moved on, else delete."""

    with transaction.atomic():
        obj = model._default_manager.select_for_update().filter(pk=pk, **scope).first()
        if obj is None:
            raise StaleEdit(current=None, deleted=True)
        if obj.version != seen_version:
            raise changes_since(obj, seen_version)
        audited(obj, acting_user).delete()


def update_if_current(
    model, pk, seen_version: int, changes: dict, acting_user, check: Callable | None = None
):
    """save_if_current with plain values; many-to-many ones are set once the row is saved.
    `check(obj)` may refuse once the row is locked (e.g. it belongs to another record)."""
    check_dates(changes, model)
    many_names = {f.name for f in model._meta.many_to_many}

    def apply(obj):
        if check:
            check(obj)
        for name, value in changes.items():
            if name not in many_names:
                setattr(obj, name, value)

    with transaction.atomic():
        saved = save_if_current(model, pk, seen_version, apply, acting_user)
        for name, value in changes.items():
            if name in many_names:
                getattr(saved, name).set(value)
    return saved
