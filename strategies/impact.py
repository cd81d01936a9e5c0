"""The integrated impact assessment: which areas it must cover (ImpactArea, data kept by administrators)
and what is missing from one, for a strategy or for a plan's adopted option.

The areas are read once per strategy or plan object (or handed in, for a pack of many), so a checklist costs
no more queries for more strategies.
"""

from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Case, Exists, Func, OuterRef, Q, TextField, Value, When
from django.db.models.functions import Concat

from commissioning.expressions import written

from . import lifecycle
from .models import Impact, ImpactArea, ImpactEntry

# What an assessment still needs, before the names of the areas concerned (Gaps.words).
ASSESS = "assess the impact on "
MITIGATE = "give the mitigation and its owner for the negative impact on "


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
            parts.append(f"{ASSESS}{', '.join(self.unassessed)}")
        if self.unmitigated:
            parts.append(f"{MITIGATE}{', '.join(self.unmitigated)}")
        return _capitalised("; ".join(parts))


def _capitalised(text: str) -> str:
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


def gaps_in_sql():
    """gaps() in SQL, for a query of strategies: the required areas with no entry in a strategy's
    assessment, and those with a negative impact and no mitigation or owner, each a queryset of areas in the
    areas' order (a subquery of the strategies' query)."""
    required = Q(kind=ImpactArea.Kind.PROTECTED) | Q(switched_on=True)  # as ImpactArea.required
    areas = ImpactArea.objects.filter(required).order_by("order", "name")
    entries = ImpactEntry.objects.filter(strategy=OuterRef(OuterRef("pk")), area=OuterRef("pk"))
    unmitigated = entries.filter(Q(impact=Impact.NEGATIVE) & ~(written("mitigation") & written("owner")))
    return areas.exclude(Exists(entries)), areas.filter(Exists(unmitigated))


def words_in_sql(unassessed, unmitigated) -> Case:
    """Gaps.words() in SQL, of gaps_in_sql()'s areas (of the outer query's strategy)."""

    def named(areas):
        names = ArraySubquery(areas.values("name"))
        return Func(names, Value(", "), function="array_to_string", output_field=TextField())

    def said(*parts):
        return Concat(*parts, output_field=TextField())

    assess, mitigate = named(unassessed), named(unmitigated)
    return Case(
        When(
            Exists(unassessed) & Exists(unmitigated),
            then=said(Value(_capitalised(ASSESS)), assess, Value(f"; {MITIGATE}"), mitigate),
        ),
        When(Exists(unassessed), then=said(Value(_capitalised(ASSESS)), assess)),
        When(Exists(unmitigated), then=said(Value(_capitalised(MITIGATE)), mitigate)),
        default=Value(""),
        output_field=TextField(),
    )


def summary(entries) -> dict[str, int]:
    """How many areas have each impact, for a sentence of "due regard"."""
    counts = {choice.value: 0 for choice in Impact}
    for e in entries:
        counts[e.impact] += 1
    return counts
