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


Condition = Callable[[object], list[str]]
_conditions: dict[str, list[Condition]] = defaultdict(list)


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


def condition(*transition_names: Transition):
    """Register a condition on one or more transitions."""
    transitions = [_transition(name) for name in transition_names]

    def register(func: Condition) -> Condition:
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


# Later stages that keep something derived from which strategies are live (the gateway's overlap finder)
# are told of every transition inside its transaction: `callback(strategy)`, registered by `on_transition`.
_after_transition: list[Callable[[object], None]] = []


def on_transition(callback: Callable[[object], None]) -> None:
    if callback not in _after_transition:
        _after_transition.append(callback)


def transitioned(strategy) -> None:
    for callback in _after_transition:
        callback(strategy)


def refusal_reasons(strategy, transition_name: str) -> list[str]:
    def evaluate():
        reasons: list[str] = []
        for check in _conditions.get(transition_name, []):
            reasons.extend(check(strategy))
        return reasons

    return list(remembered(strategy, ("refusal", str(transition_name)), evaluate))


def conditions_met(transition_name: Transition) -> Callable[[object], bool]:
    transition_name = _transition(transition_name)

    def met(strategy) -> bool:
        return not refusal_reasons(strategy, transition_name)

    met.__name__ = f"{transition_name}_conditions_met"
    return met
