"""The conditions of each lifecycle transition, as a registry that answers *why not*.

A condition is a function `(strategy) -> list[str]` of reasons, empty when it is met. The model's
transitions ask `conditions_met(name)` (so django-fsm enforces them); the pages ask `refusal_reasons()`
(so people see every reason). Other apps register their own conditions in their AppConfig.ready(), e.g.
councillors' approval of the outcomes before a strategy leaves Analyse.
"""

from collections import defaultdict
from collections.abc import Callable

Condition = Callable[[object], list[str]]
_conditions: dict[str, list[Condition]] = defaultdict(list)


def condition(*transition_names: str):
    """Register a condition on one or more transitions."""

    def register(func: Condition) -> Condition:
        for name in transition_names:
            if func not in _conditions[name]:
                _conditions[name].append(func)
        return func

    return register


def refusal_reasons(strategy, transition_name: str) -> list[str]:
    reasons: list[str] = []
    for check in _conditions.get(transition_name, []):
        reasons.extend(check(strategy))
    return reasons


def conditions_met(transition_name: str) -> Callable[[object], bool]:
    def met(strategy) -> bool:
        return not refusal_reasons(strategy, transition_name)

    met.__name__ = f"{transition_name}_conditions_met"
    return met
