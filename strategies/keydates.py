"""The dated events of strategies that the programme's key dates and forward plan list (gateway.selectors),
gathered from the stages that own them. Like the lifecycle's conditions, a stage that cannot be imported by
the gateway (delivery: a sibling) registers its source from `<app>/keydates.py` in AppConfig.ready, so each
date is read from the one record it belongs to (a contract's end from delivery's contract)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass
class KeyDate:
    when: date
    what: str
    kind: str
    strategy: object
    url: str


# (strategies by id, since, until, reader) -> their key dates in that window (either end None: open) that
# the reader may see (a confidential record's dates are withheld from those not entitled to it).
Source = Callable[[dict, date | None, date | None, object], list[KeyDate]]
_sources: list[Source] = []


def source(func: Source) -> Source:
    """Register a source of key dates."""
    if func not in _sources:
        _sources.append(func)
    return func


def gathered(by_id: dict, since: date | None, until: date | None, user) -> list[KeyDate]:
    found: list[KeyDate] = []
    for read in _sources:
        found.extend(read(by_id, since, until, user))
    return found
