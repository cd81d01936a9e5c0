"""The integrated impact assessment: which areas it must cover (ImpactArea, data kept by administrators)
and what is missing from one, for a strategy or for a plan's adopted option.

The areas are read once per strategy or plan object (or handed in, for a pack of many), so a checklist costs
no more queries for more strategies.
"""

from dataclasses import dataclass

from . import lifecycle
from .models import Impact, ImpactArea


def required_areas() -> list[ImpactArea]:
    return [area for area in ImpactArea.objects.order_by("order", "name") if area.required]


def required_areas_for(strategy) -> list[ImpactArea]:
    """required_areas(), once per strategy object a page marked (lifecycle.remembered): the strategy's
    checklist and its plans' checklists ask alike."""
    return lifecycle.remembered(strategy, ("impact areas",), required_areas)


def areas_of(record) -> list[ImpactArea]:
    """The areas that must be covered, remembered on `record` (a pack sets `_impact_areas` for all)."""
    areas = getattr(record, "_impact_areas", None)
    if areas is None:
        areas = record._impact_areas = required_areas_for(record)
    return areas


@dataclass(frozen=True)
class Gaps:
    unassessed: list[str]  # names of the areas with no entry
    unmitigated: list[str]  # names of the areas with a negative impact and no mitigation or owner

    def __bool__(self):
        return bool(self.unassessed or self.unmitigated)

    def words(self) -> str:
        parts = []
        if self.unassessed:
            parts.append(f"assess the impact on {', '.join(self.unassessed)}")
        if self.unmitigated:
            parts.append(
                f"give the mitigation and its owner for the negative impact on {', '.join(self.unmitigated)}"
            )
        text = "; ".join(parts)
        return text[:1].upper() + text[1:]


def gaps(entries, areas) -> Gaps:
    by_area = {e.area_id: e for e in entries}
    return Gaps(
        unassessed=[a.name for a in areas if a.pk not in by_area],
        unmitigated=[
            a.name
            for a in areas
            if a.pk in by_area
            and by_area[a.pk].impact == Impact.NEGATIVE
            and not (by_area[a.pk].mitigation.strip() and by_area[a.pk].owner.strip())
        ],
    )


def summary(entries) -> dict[str, int]:
    """How many areas have each impact, for a sentence of "due regard"."""
    counts = {choice.value: 0 for choice in Impact}
    for e in entries:
        counts[e.impact] += 1
    return counts
