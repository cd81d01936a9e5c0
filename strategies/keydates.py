"""The dated events of strategies that the programme's key dates and forward plan list (gateway.selectors),
gathered from the stages that own them. Like the lifecycle's conditions, a stage that cannot be imported by
the gateway (delivery: a sibling) registers its source from `<app>/keydates.py` in AppConfig.ready, so each
date is read from the one record it belongs to (a contract's end from delivery's contract).

A source gives its records as a queryset (the window and the reader's rights in SQL), so the forward plan
can put every source's dates in one UNION, count and page it in SQL, and read only the page's records."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import F


@dataclass
class KeyDate:
    when: date
    what: str
    kind: str
    strategy: object
    url: str


@dataclass(frozen=True)
class Source:
    """One kind of dated record of strategies.

    `records(strategies, since, until, user)`: a queryset of the records (of `model`) of these strategies (ids
    or a queryset) dated in that window (either end None: open) that the user may read (a confidential
    record's dates are withheld from those not entitled to it). `when`: the record's date field; `strategy`:
    the path from the record to its strategy. `key_date(record, strategy)`: what is shown of one record, read
    with `related` (select_related) and, when given, only `fields`."""

    kind: str
    model: type
    records: Callable
    when: str
    key_date: Callable
    strategy: str = "strategy"
    related: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()

    def read(self, records, by_id: dict) -> dict[int, KeyDate]:
        """These records (a queryset of this source's) as key dates by record id, in date order; `by_id`
        holds their strategies."""
        records = records.select_related(None).prefetch_related(None)
        if self.related:  # (select_related() with none would follow every relation)
            records = records.select_related(*self.related)
        if self.fields:
            records = records.only(*self.fields)
        found = records.annotate(keyed_strategy=F(self.strategy)).order_by(self.when, "pk")
        return {r.pk: self.key_date(r, by_id[r.keyed_strategy]) for r in found}


_sources: list[Source] = []


def source(found: Source) -> Source:
    """Register a source of key dates."""
    if found not in _sources:
        _sources.append(found)
    return found


def registered() -> list[Source]:
    return list(_sources)


def window(records, field: str, since: date | None, until: date | None):
    """Only the records dated within the window (either end None: open): read in SQL, never filtered after."""
    if since is not None:
        records = records.filter(**{f"{field}__gte": since})
    if until is not None:
        records = records.filter(**{f"{field}__lte": until})
    return records


def gathered(by_id: dict, since: date | None, until: date | None, user) -> list[KeyDate]:
    """The registered sources' key dates of these strategies (by id), each source's in date order."""
    found: list[KeyDate] = []
    for each in _sources:
        found.extend(each.read(each.records(list(by_id), since, until, user), by_id).values())
    return found
