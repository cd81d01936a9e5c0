"""The strategy's own condition on its lifecycle: leaving Analyse needs the Analyse checklist complete."""

from . import checklist, lifecycle
from .lifecycle import Transition


@lifecycle.condition(Transition.START_PLANNING, part="Analyse content")
def analyse_complete(strategy) -> list[str]:
    gaps = checklist.missing(strategy)
    if not gaps:
        return []
    return [
        lifecycle.Reason(f"{item.label}: {item.missing[0].lower()}{item.missing[1:]}.", fix_url=item.url)
        for item in gaps
    ]
