"""The strategy's own sub-navigation (issue 23): its overview, then each part on a page of its own (or an
anchored section of the overview), whichever app serves it. Like the lifecycle's conditions, a later stage
registers its part from its AppConfig.ready, so the strategies app imports none of them."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Part:
    label: str
    order: int
    url: Callable[[object], str]  # strategy -> the part's page (or the overview's anchor)
    owns: tuple[str, ...] = ()  # the view names (`namespace:name`, or `namespace:*`) that are this part's


_parts: dict[str, Part] = {}


def part(label: str, order: int, url: Callable[[object], str], owns: tuple[str, ...] = ()) -> None:
    """Register a part of the strategy (once per label; a second registration replaces the first)."""
    _parts[label] = Part(label, order, url, owns)


def _owns(view_name: str, rule: str) -> bool:
    return view_name.startswith(rule[:-1]) if rule.endswith("*") else view_name == rule


def for_strategy(strategy, view_name: str) -> list[dict]:
    """The parts in order, the one this page belongs to (at most one) marked current."""
    parts = sorted(_parts.values(), key=lambda p: p.order)
    here = next((p for p in parts if any(_owns(view_name, rule) for rule in p.owns)), None)
    return [{"label": p.label, "url": p.url(strategy), "current": p is here} for p in parts]


def _overview(anchor=""):
    return lambda s: reverse("strategies:detail", args=[s.pk]) + anchor


part("Overview", 0, _overview(), ("strategies:detail", "strategies:transition"))
part(
    "Analyse content",
    10,
    lambda s: reverse("strategies:content", args=[s.pk]),
    ("strategies:content", "strategies:section", "strategies:part-edit", "strategies:part-delete"),
)
part("Checklist", 20, _overview("#checklist"))
part("Plans", 30, _overview("#plans"), ("plans:*",))
part("History", 100, lambda s: reverse("strategies:history", args=[s.pk]), ("strategies:history",))
