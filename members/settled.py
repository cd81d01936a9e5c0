"""Where an approval was settled, when a later stage settles it: a meeting's resolution on an agenda item
(meetings registers its source in MeetingsConfig.ready, since members may not import meetings). The approval
page and its decision record say so."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Settlement:
    text: str  # "Executive, 5 May 2026, item 3: Carers' strategy: the outcomes"
    url: str


# (approval request ids) -> {request id: [Settlement]}
Source = Callable[[list[int]], dict[int, list[Settlement]]]
_sources: list[Source] = []


def source(func: Source) -> Source:
    """Register a source of settlements."""
    if func not in _sources:
        _sources.append(func)
    return func


def of(request_ids) -> dict[int, list[Settlement]]:
    """Every settlement of these approval requests, by request id (one query per source)."""
    found: dict[int, list[Settlement]] = {}
    ids = list(request_ids)
    for read in _sources:
        for pk, settlements in read(ids).items():
            found.setdefault(pk, []).extend(settlements)
    return found
