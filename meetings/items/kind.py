"""What the registry (meetings.items) holds for each kind of agenda item, and what a report is."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ItemKind:
    """One kind of agenda item: what is stored (`value`, a meetings.models.AgendaItemKind, with its label),
    whether it reports on a strategy, the template its report is laid out with, what it reads in bulk for the
    whole agenda, and the function that builds one item's report from what was read."""

    value: str
    needs_strategy: bool
    template: str | None  # None: nothing to lay out (an uploaded document is merged into the pack as it is)
    builder: Callable | None  # (item, strategy, data) -> ItemReport
    # Bulk reads into the pack's data, each run once however many kinds on the agenda list it: functions
    # `(data) -> None` setting what the builders read (`data.plans`, `data.previous`...), in the order given.
    loaders: tuple[Callable, ...] = ()
    # What to prefetch on every strategy on the agenda, each a function returning Prefetch objects (or names),
    # also used once however many kinds list it.
    strategy_prefetch: tuple[Callable, ...] = ()

    @property
    def label(self) -> str:
        return self.value.label


@dataclass
class ItemReport:
    template: str  # e.g. "packs/items/strategy.html"
    context: dict  # everything the template lays out
