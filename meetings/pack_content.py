"""The content of each agenda item of a meeting pack: what councillors read about a strategy, a plan, a
highlight report, a gateway review, scrutiny's recommendations, decisions made, and the last minutes. Each kind
of item is its own module under meetings/items/, registered in meetings.items.

`gather(meeting, items)` returns one ItemReport (a template under packs/items/ and its context) per agenda
item. Everything is read in bulk, one query (or one prefetch) per model across every strategy on the
agenda, so the number of queries does not grow with the number of items or strategies: each kind on the agenda
names the bulk reads it needs, and each is run once. Templates only lay the context out: no queries, no logic
beyond loops/ifs.
"""

from django.db.models import Prefetch
from django.utils import timezone

from members.models import PortfolioHolder
from strategies.models import Strategy

from .items import KINDS, REGISTRY
from .items.kind import ItemReport

NO_STRATEGY_TEMPLATE = "packs/items/no_strategy.html"


def _once(functions) -> list:
    """Each function once, in the order first given (two kinds may need the same read)."""
    return list(dict.fromkeys(functions))


class PackData:
    """Everything the agenda's reports need, read once: the strategies on the agenda with what their kinds
    prefetch on them, then each bulk read those kinds name (meetings.items), each run once."""

    def __init__(self, meeting, items):
        self.meeting = meeting
        self.board = meeting.board
        self.today = timezone.localdate()
        present = {item.kind for item in items}
        kinds = [kind for kind in KINDS if kind.value in present]
        self.ids = sorted({item.strategy_id for item in items if item.strategy_id})
        self.strategies = self._strategies(self.ids, _once(f for k in kinds for f in k.strategy_prefetch))
        for load in _once(f for k in kinds for f in k.loaders):
            load(self)

    @staticmethod
    def _strategies(ids, prefetches):
        prefetch = [
            "commissioners",
            Prefetch("portfolio_holders", queryset=PortfolioHolder.objects.select_related("councillor")),
        ]
        for more in prefetches:
            prefetch += more()
        found = (
            Strategy.objects.filter(pk__in=ids)
            .select_related("directorate", "accountable_commissioner", "referral__board")
            .prefetch_related(*prefetch)
        )
        return {s.pk: s for s in found}


def gather(meeting, items) -> dict[int, ItemReport]:
    """One ItemReport per agenda item pk (uploaded documents, which have no report, are left out). The number of
    queries does not grow with the number of items or strategies: each model is read once for every strategy on
    the agenda."""
    items = [i for i in items if REGISTRY[i.kind].builder is not None]
    if not items:
        return {}
    data = PackData(meeting, items)
    reports = {}
    for item in items:
        kind = REGISTRY[item.kind]
        strategy = data.strategies.get(item.strategy_id) if item.strategy_id else None
        if kind.needs_strategy and strategy is None:
            reports[item.pk] = ItemReport(NO_STRATEGY_TEMPLATE, {"item": item})
            continue
        reports[item.pk] = kind.builder(item, strategy, data)
    return reports
