"""The trend chart of a KPI, drawn on the server as SVG, so the same chart appears in the page and in PDF
meeting packs (WeasyPrint renders SVG). One renderer: templates/delivery/_chart.svg lays out what
`trend` prepares here; the page and the pack only wrap it (a hover value per point in the page, a data table
in the pack).

A chart a councillor can read (issue 15): periods on a dated x-axis, a value axis naming the unit, the
target as a labelled line, the tolerance band shaded, and a sentence saying the trend in words — which is the
chart's accessible name and the pack's text alternative. "Improving" always respects the KPI's polarity."""

import math
from dataclasses import dataclass
from decimal import Decimal

from commissioning import formatting

from . import performance

WIDTH, HEIGHT = 372, 190
LEFT, RIGHT, TOP, BOTTOM = 40, 78, 22, 48  # margins for the value axis, target label, period axis, legend
MAX_PERIOD_LABELS = 5


@dataclass
class Point:
    x: float
    y: float
    period: str  # 'June 2026'
    value: str  # '69%'
    label_above: bool = True  # where its value shows on hover, away from the line


@dataclass
class Tick:
    pos: float
    text: str


@dataclass
class Trend:
    id: str  # unique in the page: the SVG's title is its accessible name (aria-labelledby)
    points: list
    line: str  # SVG polyline points
    y_ticks: list
    x_ticks: list
    unit_name: str  # 'Per cent (%)'
    label: str  # the trend in words: accessible name and text alternative
    target_y: float | None = None
    target_label: str = ""
    band: tuple | None = None  # (y, height) of the tolerance band
    band_label: str = ""
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM

    @property
    def legend_y(self) -> int:
        return self.height - 10

    @property
    def plot_width(self) -> int:
        return self.right - self.left


def _nice_step(span: float, ticks: int = 4) -> float:
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _scale(numbers):
    low, high = min(numbers), max(numbers)
    if low == high:
        low, high = low - 1, high + 1
    if low >= 0 and low < (high - low):
        low = 0.0  # a value axis from zero unless that squashes the line flat
    step = _nice_step(high - low)
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    return start, end, step


def words(position) -> str:
    """'Improving: 60% in June 2026, 69% in September 2026; target 70%' — what the chart shows."""
    kpi = position.kpi
    readings = ", ".join(
        f"{formatting.quantity(v, kpi.unit)} in {formatting.month(when)}" for when, v in position.series
    )
    if position.direction is None:
        head = "First period" if len(position.series) == 1 else "No actuals yet"
    else:
        head = position.direction_label
    polarity = "lower is better" if kpi.polarity == performance.LOWER else "higher is better"
    text = f"{head} ({polarity}): {readings}; target {formatting.quantity(kpi.target, kpi.unit)}"
    if kpi.tolerance:
        text += f", tolerance {formatting.quantity(abs(kpi.tolerance), kpi.unit)}"
    return text


def band(kpi):
    """The values that count as within tolerance: short of the target by no more than the tolerance."""
    if not kpi.tolerance:
        return None
    tolerance = abs(kpi.tolerance)
    if kpi.polarity == performance.LOWER:
        return kpi.target, kpi.target + tolerance
    return kpi.target - tolerance, kpi.target


def trend(position, chart_id: str = "") -> Trend | None:
    """The chart of a Position (its KPI and series, oldest first); None with no actuals."""
    series = position.series
    if not series:
        return None
    kpi = position.kpi
    unit = kpi.unit
    values = [float(v) for _, v in series]
    within = band(kpi)
    scale = values + [float(kpi.target)] + ([float(b) for b in within] if within else [])
    start, end, step = _scale(scale)
    top, bottom, left, right = TOP, HEIGHT - BOTTOM, LEFT, WIDTH - RIGHT

    def y(value: float) -> float:
        return round(bottom - (value - start) / (end - start) * (bottom - top), 1)

    count = len(values)
    inner = (right - left) - 16
    step_x = inner / max(count - 1, 1)

    def x(i: int) -> float:
        return round(left + 8 + (i * step_x if count > 1 else inner / 2), 1)

    points = []
    for i, ((when, value), v) in enumerate(zip(series, values, strict=True)):
        before = values[i - 1] if i else v
        points.append(
            Point(
                x=x(i),
                y=y(v),
                period=formatting.month(when),
                value=formatting.quantity(value, unit),
                label_above=v >= before or y(v) > bottom - 12,
            )
        )
    every = math.ceil(count / MAX_PERIOD_LABELS)
    x_ticks = [
        Tick(x(i), formatting.short_month(series[i][0])) for i in range(count) if (count - 1 - i) % every == 0
    ]
    ticks, tick = [], start
    while tick <= end + step / 1000:
        ticks.append(Tick(y(tick), formatting.number(Decimal(str(round(tick, 6))))))  # unit: axis title
        tick += step
    chart = Trend(
        id=chart_id or f"kpi-{kpi.pk}-chart",
        points=points,
        line=" ".join(f"{p.x},{p.y}" for p in points),
        y_ticks=ticks,
        x_ticks=x_ticks,
        unit_name=formatting.unit_name(unit),
        label=words(position),
        target_y=y(float(kpi.target)),
        target_label=f"Target {formatting.quantity(kpi.target, unit)}",
    )
    if within:
        upper, lower = y(float(within[1])), y(float(within[0]))
        chart.band = (upper, round(lower - upper, 1))
        chart.band_label = f"Within tolerance ({formatting.quantity(within[0], unit)} to {formatting.quantity(within[1], unit)})"
    return chart
