"""Writes to strategies: one function per action, atomic, audited, with the acting user passed in."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from guardian.shortcuts import get_users_with_perms, remove_perm

from commissioning import formatting, parts
from commissioning.history import audited
from commissioning.permissions import grant, require
from commissioning.versioning import save_if_current

from . import lifecycle, notices, permissions
from .models import ChecklistWaiver, Stage, Strategy, TransitionLog


class TransitionRefused(Exception):  # noqa: N818 - a refusal shown to people, with every reason
    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def _field(strategy, name, field) -> str:
    """A field of the move's own form, where a reason about it is fixed."""
    return reverse("strategies:transition", args=[strategy.pk, name]) + f"#id_{field}"


def _sync_commissioner_rights(strategy: Strategy) -> None:
    """Object rights follow the record: the accountable commissioner and the other commissioners."""
    wanted = {strategy.accountable_commissioner, *strategy.commissioners.all()}
    holders = set(
        get_users_with_perms(strategy, only_with_perms_in=[permissions.CHANGE], with_superusers=False)
    )
    grant(permissions.CHANGE, wanted - holders, strategy)
    for user in holders - wanted:
        remove_perm(permissions.CHANGE, user, strategy)


def next_reference() -> str:
    numbers = [
        int(ref.split("-", 1)[1])
        for ref in Strategy.objects.filter(reference__startswith="CS-").values_list("reference", flat=True)
        if ref.split("-", 1)[1].isdigit()
    ]
    return f"CS-{(max(numbers) + 1) if numbers else 1:02d}"


@transaction.atomic
def create_strategy(*, acting_user, commissioners=(), **fields) -> Strategy:
    require(permissions.can_create(acting_user))
    if "reference" not in fields:  # not setdefault: that reads every reference even when one is given
        fields["reference"] = next_reference()
    strategy = audited(Strategy(**fields), acting_user)
    strategy.save()
    if commissioners:
        strategy.commissioners.set(commissioners)
    _sync_commissioner_rights(strategy)
    return strategy


def _commissioner_pks(strategy) -> set:
    return set(strategy.commissioners.values_list("pk", flat=True))


def update_strategy(*, strategy: Strategy, seen_version: int, changes: dict, acting_user):
    """Save a section of the strategy's own fields, refusing a stale form (StaleEdit). `changes` may
    name the commissioners too."""
    require(permissions.can_edit(acting_user, strategy))
    changes = dict(changes)
    commissioners = changes.pop("commissioners", None)
    # Only a change of who commissions it needs the right to choose them: a form sending them unchanged
    # (a co-commissioner saving the Overview) is an ordinary edit.
    accountable = changes.get("accountable_commissioner", strategy.accountable_commissioner_id)
    if (
        commissioners is not None
        and {getattr(u, "pk", u) for u in commissioners} != _commissioner_pks(strategy)
    ) or (getattr(accountable, "pk", accountable) != strategy.accountable_commissioner_id):
        require(permissions.can_manage_commissioners(acting_user, strategy))

    def apply(obj):
        for name, value in changes.items():
            setattr(obj, name, value)

    with transaction.atomic():
        saved = save_if_current(Strategy, strategy.pk, seen_version, apply, acting_user)
        if commissioners is not None:
            saved.commissioners.set(commissioners)
        _sync_commissioner_rights(saved)
    return saved


# The strategy's content: its parts (commissioning.parts), changed only by those who may edit it.


def add_part(*, strategy: Strategy, model, values: dict, acting_user):
    require(permissions.can_edit(acting_user, strategy))
    return parts.add_part(
        record=strategy, parent_field="strategy", model=model, values=values, acting_user=acting_user
    )


def update_part(*, strategy: Strategy, model, pk, seen_version: int, changes: dict, acting_user):
    require(permissions.can_edit(acting_user, strategy))
    return parts.update_part(
        record=strategy,
        parent_field="strategy",
        model=model,
        pk=pk,
        seen_version=seen_version,
        changes=changes,
        acting_user=acting_user,
    )


def delete_part(*, strategy: Strategy, model, pk, seen_version: int, acting_user) -> None:
    require(permissions.can_edit(acting_user, strategy))
    parts.delete_part(
        record=strategy,
        parent_field="strategy",
        model=model,
        pk=pk,
        seen_version=seen_version,
        acting_user=acting_user,
    )


def apply_transition(
    *,
    strategy_id: int,
    name: lifecycle.Transition,
    acting_user,
    expected_stage: str,
    note: str = "",
    trigger: str = "",
) -> TransitionLog:
    """Move a strategy on. The row is locked, so of two people pressing at once exactly one succeeds;
    the other is refused with the reason that the strategy has already moved."""
    with transaction.atomic():
        strategy = Strategy.objects.select_for_update().get(pk=strategy_id)
        require(permissions.can_transition(acting_user, strategy))
        if strategy.stage != expected_stage:
            last = strategy.transitions.select_related("actor").first()
            by = (
                f" by {last.actor} at {formatting.clock(last.at)} on {formatting.long_date(last.at)}"
                if last
                else ""
            )
            raise TransitionRefused(
                [
                    lifecycle.Reason(
                        f"This strategy has already moved from {Stage(expected_stage).label} to "
                        f"{strategy.get_stage_display()}{by}. Nothing was changed.",
                        fix_url=strategy.get_absolute_url(),
                        part="This move",
                    )
                ]
            )
        meta = next(
            (
                t
                for t in strategy.get_all_stage_transitions()
                if t.name == name and t.source == strategy.stage
            ),
            None,
        )
        if meta is None:
            raise TransitionRefused(
                [
                    lifecycle.Reason(
                        f"A strategy in {strategy.get_stage_display()} cannot do that.",
                        fix_url=strategy.get_absolute_url(),
                        part="This move",
                    )
                ]
            )
        # The conditions are asked here, for the reasons, and again by django-fsm's own check when the move is
        # made below, on this locked row with nothing changed between: worked out once, forgotten after it.
        lifecycle.evaluate_once(strategy)
        reasons = list(lifecycle.refusal_reasons(strategy, name))
        if meta.custom.get("needs_trigger") and not trigger:
            reasons.append(
                lifecycle.Reason(
                    "Choose the trigger for recommissioning.", fix_url="#id_trigger", part="This move"
                )
            )
        if (meta.custom.get("needs_trigger") or meta.custom.get("needs_note")) and not note.strip():
            reasons.append(
                lifecycle.Reason("Give the reason.", fix_url=_field(strategy, name, "note"), part="This move")
            )
        # The conditions registry is what django-fsm's conditions ask, so no reasons means it is available;
        # asking django-fsm for every available transition too would evaluate every condition again.
        if reasons:
            raise TransitionRefused(reasons)
        source = strategy.stage
        getattr(strategy, name)()
        lifecycle.evaluate_anew(strategy)
        # The full note is on the transition log; the history row's reason column holds 100 characters.
        audited(strategy, acting_user, f"{meta.custom['label']}: {note}".strip(": ")).save()
        log = TransitionLog.objects.create(
            strategy=strategy,
            transition=name,
            source=source,
            target=strategy.stage,
            actor=acting_user,
            note=note.strip(),
            trigger=trigger,
            cycle=strategy.cycle,
        )
        notices.tell_commissioners(log)
        lifecycle.transitioned(strategy)
    return log


def _checklist_item(strategy, item: str):
    from . import checklist

    found = next((i for i in checklist.build(Strategy.objects.get(pk=strategy.pk)) if i.key == item), None)
    if found is None:
        raise ValidationError({"reason": "There is no such item on this strategy's checklist"})
    return found


def mark_not_required(*, strategy, item: str, reason: str, acting_user) -> ChecklistWaiver:
    """Mark a checklist item below its threshold not required for this strategy, with the reason (kept in
    its history); an item the strategy's scale makes apply is refused, with why."""
    require(permissions.can_edit(acting_user, strategy))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter the reason this item is not required"})
    found = _checklist_item(strategy, item)
    if not found.waivable:
        raise ValidationError({"reason": f"{found.label} cannot be marked not required. {found.why}"})
    with transaction.atomic():
        waiver = ChecklistWaiver.objects.select_for_update().filter(strategy=strategy, item=item).first()
        waiver = waiver or ChecklistWaiver(strategy=strategy, item=item)
        waiver.reason, waiver.recorded_by = reason, acting_user
        audited(waiver, acting_user).save()
    return waiver


def mark_required(*, strategy, item: str, acting_user) -> None:
    """Undo mark_not_required: the item is required again (the history keeps the waiver)."""
    require(permissions.can_edit(acting_user, strategy))
    with transaction.atomic():
        for waiver in ChecklistWaiver.objects.select_for_update().filter(strategy=strategy, item=item):
            audited(waiver, acting_user).delete()
