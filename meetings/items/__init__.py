"""The kinds of agenda item, one module each, registered here once. An entry (meetings.items.kind.ItemKind)
says what is stored and its label, whether the item reports on a strategy, the template its report is laid out
with, what it reads in bulk for the whole agenda and the function that builds one item's report.

To add a kind: its value in meetings.models.AgendaItemKind (what the database stores, with its label), a module
here declaring its KIND, and that KIND in KINDS below. MeetingsConfig.ready() calls check(), so a kind stored
but not registered here, or registered but not stored, stops the app at start-up."""

from django.core.exceptions import ImproperlyConfigured

from . import decisions, document, gateway, highlight, minutes, plan, recommendations, strategy
from .kind import ItemKind

KINDS: tuple[ItemKind, ...] = (
    strategy.KIND,
    plan.KIND,
    highlight.KIND,
    gateway.KIND,
    recommendations.KIND,
    decisions.KIND,
    minutes.KIND,
    document.KIND,
)
REGISTRY = {kind.value: kind for kind in KINDS}
NEEDS_STRATEGY = frozenset(kind.value for kind in KINDS if kind.needs_strategy)


def check(stored) -> None:
    """Refuse to start unless every stored kind (`stored`: the AgendaItemKind choices) is registered here once,
    and nothing is registered that cannot be stored."""
    registered = [str(kind.value) for kind in KINDS]
    problems = []
    if len(registered) != len(set(registered)):
        problems.append(f"registered twice: {sorted({v for v in registered if registered.count(v) > 1})}")
    if missing := {str(v) for v in stored.values} - set(registered):
        problems.append(f"stored but not registered in meetings.items: {sorted(missing)}")
    if unknown := set(registered) - {str(v) for v in stored.values}:
        problems.append(f"registered in meetings.items but not in AgendaItemKind: {sorted(unknown)}")
    if problems:
        raise ImproperlyConfigured("Agenda item kinds do not match: " + "; ".join(problems))
