"""Status and direction of travel, computed from the numbers and never typed (seed 003: scrutiny could
not tell whether a KPI was good or bad, or getting better). Both always respect the KPI's polarity.

A KPI at 69% against a 70% target that was 60% last time is "not achieved, improving".
"""

from dataclasses import dataclass, field
from decimal import Decimal

from commissioning import formatting

HIGHER, LOWER = "higher", "lower"

ACHIEVED, WITHIN, NOT_ACHIEVED = "achieved", "within_tolerance", "not_achieved"
IMPROVING, NO_CHANGE, WORSENING = "improving", "no_change", "worsening"

STATUS_LABELS = {ACHIEVED: "Achieved", WITHIN: "Within tolerance", NOT_ACHIEVED: "Not achieved"}
DIRECTION_LABELS = {IMPROVING: "Improving", NO_CHANGE: "No change", WORSENING: "Worsening"}
STATUS_TAGS = {ACHIEVED: "govuk-tag--green", WITHIN: "govuk-tag--yellow", NOT_ACHIEVED: "govuk-tag--red"}
# The arrows mean better or worse, never up or down: a lower-is-better KPI that falls shows "↑ Improving".
# They are always written with the word, and `movement` says which way the value itself went.
DIRECTION_ARROWS = {IMPROVING: "↑", NO_CHANGE: "→", WORSENING: "↓"}


def status(value: Decimal, target: Decimal, tolerance: Decimal, polarity: str) -> str:
    """Achieved when at or beyond the target; within tolerance when short of it by no more than the
    tolerance; otherwise not achieved. 'Beyond' is above for higher-is-better, below for lower-is-better."""
    shortfall = (target - value) if polarity == HIGHER else (value - target)
    if shortfall <= 0:
        return ACHIEVED
    if shortfall <= abs(tolerance):
        return WITHIN
    return NOT_ACHIEVED


def direction(current: Decimal, previous: Decimal | None, polarity: str) -> str | None:
    """Against the previous period: improving when it moved the better way, worsening the other way."""
    if previous is None:
        return None
    change = current - previous
    if change == 0:
        return NO_CHANGE
    better = change > 0 if polarity == HIGHER else change < 0
    return IMPROVING if better else WORSENING


@dataclass
class Position:
    """Where a KPI stands: its series, the latest actual, its status and direction."""

    kpi: object
    series: list = field(default_factory=list)  # [(period_end, value)], oldest first

    @property
    def latest(self):
        return self.series[-1] if self.series else None

    @property
    def previous(self):
        return self.series[-2] if len(self.series) > 1 else None

    @property
    def status(self) -> str | None:
        if not self.latest:
            return None
        k = self.kpi
        return status(self.latest[1], k.target, k.tolerance, k.polarity)

    @property
    def direction(self) -> str | None:
        if not self.latest:
            return None
        return direction(self.latest[1], self.previous[1] if self.previous else None, self.kpi.polarity)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, "No actual yet")

    @property
    def status_tag(self) -> str:
        return STATUS_TAGS.get(self.status, "govuk-tag--grey")

    @property
    def direction_label(self) -> str:
        if self.direction is None:
            return "First period" if self.latest else "–"
        return DIRECTION_LABELS[self.direction]

    @property
    def direction_arrow(self) -> str:
        return DIRECTION_ARROWS.get(self.direction, "")

    @property
    def movement(self) -> str:
        """Which way the value went, and which way is better: 'Down from 15 to 12 (lower is better)'."""
        if not self.previous:
            return ""
        unit = self.kpi.unit
        before, now = self.previous[1], self.latest[1]
        better = "lower is better" if self.kpi.polarity == LOWER else "higher is better"
        if now == before:
            return f"Unchanged at {formatting.quantity(now, unit)} ({better})"
        way = "Up" if now > before else "Down"
        return (
            f"{way} from {formatting.quantity(before, unit)} to {formatting.quantity(now, unit)} ({better})"
        )
