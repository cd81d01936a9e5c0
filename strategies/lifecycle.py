"""The conditions of each lifecycle transition, as a registry that answers *why not*.

A condition is a function `(strategy) -> list[str]` of reasons, empty when it is met. The model's
transitions ask `conditions_met(name)` (so django-fsm enforces them); the pages ask `refusal_reasons()`
(so people see every reason). Each app registers its own conditions from `<app>/conditions.py`, imported
in its AppConfig.ready(), e.g. councillors' approval of the outcomes before a strategy leaves Analyse.

Transitions are named by `Transition`: registering a condition on a name that is not one fails at
start-up, and so does a `Transition` that is not a django-fsm transition on Strategy (check_transitions).
"""

from collections import defaultdict
from collections.abc import Callable
from enum import StrEnum

from django.core.exceptions import ImproperlyConfigured


class Transition(StrEnum):
    """The lifecycle's transitions, by the name of their method on Strategy."""

    START_PLANNING = "start_planning"
    START_DELIVERY = "start_delivery"
    START_REVIEW = "start_review"
    RECOMMISSION = "recommission"
    CONTINUE_DELIVERY = "continue_delivery"
    ARCHIVE = "archive"


class Reason(str):
    """One reason a move is refused: its words (it is a str, so it reads and compares as before), the part
    of the stage it concerns, and where it is fixed (`fix_url`: the section, field or action), so the move
    page, the checklist and the API's 409 can each link to the fix (issue 23)."""

    def __new__(cls, text: str, *, fix_url: str = "", part: str = ""):
        reason = super().__new__(cls, text)
        reason.fix_url = fix_url or getattr(text, "fix_url", "")
        reason.part = part or getattr(text, "part", "")
        return reason

    def __reduce__(self):  # kept in caches and jobs as what it is
        return (_reason, (str(self), self.fix_url, self.part))


def _reason(text, fix_url, part):
    return Reason(text, fix_url=fix_url, part=part)


def grouped(reasons) -> list[tuple[str, list[Reason]]]:
    """Reasons grouped by stage part, the parts in the order they first appear."""
    groups: dict[str, list[Reason]] = {}
    for reason in reasons:
        groups.setdefault(getattr(reason, "part", "") or "Other", []).append(reason)
    return list(groups.items())


Condition = Callable[[object], list[str]]
_conditions: dict[str, list[Condition]] = defaultdict(list)
# The stage part each condition's reasons concern, and where they are fixed when a reason does not say.
_parts: dict[Condition, str] = {}
_fixes: dict[Condition, Callable[[object], str]] = {}


def _transition(name: str) -> Transition:
    try:
        return Transition(name)
    except ValueError:
        known = ", ".join(Transition)
        raise ImproperlyConfigured(
            f"There is no lifecycle transition {name!r} (there are: {known})."
        ) from None


def check_transitions(model, transitions=Transition) -> None:
    """Fail loudly unless `transitions` names exactly the model's django-fsm transitions (at start-up)."""
    on_model = {t.name for t in model._meta.get_field("stage").get_all_transitions(model)}
    named = {t.value for t in transitions}
    if named != on_model:
        raise ImproperlyConfigured(
            f"strategies.lifecycle.Transition does not match {model.__name__}'s transitions: "
            f"not on the model: {sorted(named - on_model) or 'none'}; "
            f"not in Transition: {sorted(on_model - named) or 'none'}."
        )


def condition(*transition_names: Transition, part: str = "", fix: Callable[[object], str] | None = None):
    """Register a condition on one or more transitions. `part` names the part of the stage its reasons
    concern; `fix(strategy)` is where they are fixed, for any reason that does not carry its own fix_url."""
    transitions = [_transition(name) for name in transition_names]

    def register(func: Condition) -> Condition:
        if part:
            _parts[func] = part
        if fix is not None:
            _fixes[func] = fix
        for name in transitions:
            if func not in _conditions[name]:
                _conditions[name].append(func)
        return func

    return register


def evaluate_once(strategy):
    """Have each check on this strategy object (its conditions, and what they read: approvals, the
    key-project assessment) evaluated once and remembered on it, for the page being built. Only a page asks
    for this, on the object it read for this request; services and jobs read fresh objects, so they always
    evaluate anew."""
    strategy._evaluated = {}
    return strategy


def evaluate_anew(strategy):
    """Undo evaluate_once(): what this object's checks found is forgotten (after it changed)."""
    strategy._evaluated = None
    return strategy


def remembering(strategy) -> bool:
    """Whether evaluate_once() marked this strategy object."""
    return getattr(strategy, "_evaluated", None) is not None


def remembered(strategy, key, compute):
    """`compute()`, once per strategy object that evaluate_once() marked (else every time)."""
    memo = getattr(strategy, "_evaluated", None)
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def recalled(strategy, key, default=None):
    """What remembered() already worked out for `key` on this strategy object, else `default`: nothing is
    computed (for a reader that can answer from it when the page has read it, and otherwise asks less)."""
    return (getattr(strategy, "_evaluated", None) or {}).get(key, default)


# Later stages that keep something derived from which strategies are live (the gateway's overlap finder)
# are told of every transition inside its transaction: `callback(strategy)`, registered by `on_transition`.
_after_transition: list[Callable[[object], None]] = []


def on_transition(callback: Callable[[object], None]) -> None:
    if callback not in _after_transition:
        _after_transition.append(callback)


def transitioned(strategy) -> None:
    for callback in _after_transition:
        callback(strategy)


def refusal_reasons(strategy, transition_name: str) -> list[Reason]:
    def evaluate():
        reasons: list[Reason] = []
        for check in _conditions.get(transition_name, []):
            found = check(strategy)
            if not found:
                continue
            fix = _fixes.get(check)
            default_url = fix(strategy) if fix else strategy.get_absolute_url()
            part = _parts.get(check, "")
            reasons.extend(
                Reason(
                    text,
                    fix_url=getattr(text, "fix_url", "") or default_url,
                    part=getattr(text, "part", "") or part,
                )
                for text in found
            )
        return reasons

    return list(remembered(strategy, ("refusal", str(transition_name)), evaluate))


def conditions_met(transition_name: Transition) -> Callable[[object], bool]:
    transition_name = _transition(transition_name)

    def met(strategy) -> bool:
        return not refusal_reasons(strategy, transition_name)

    met.__name__ = f"{transition_name}_conditions_met"
    return met
