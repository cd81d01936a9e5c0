"""The trend chart of a KPI, drawn on the server as SVG, so the same chart appears in the page and in PDF
meeting packs (WeasyPrint renders SVG). One renderer: `trend` works out the chart from the KPI's numbers and
`svg_markup` writes it out (a string built here, not a template: a highlight report draws fifty, and the
template language took most of the page's time doing it); the page and the pack only wrap it (a hover value
per point in the page, a data table in the pack).

A chart a councillor can read (issue 15): periods on a dated x-axis, a value axis naming the unit, the
target as a labelled line, the tolerance band shaded, and a sentence saying the trend in words — which is the
chart's accessible name and the pack's text alternative. "Improving" always respects the KPI's polarity."""

import math
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

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

    @property
    def svg(self) -> SafeString:
        return svg_markup(self)


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


# The chart written out ---------------------------------------------------------------------------------------

ACTUAL_COLOUR, TEXT_COLOUR, HINT_COLOUR, GRID_COLOUR = "#1d70b8", "#0b0c0c", "#505a5f", "#dcdcdc"
BAND_COLOUR = 'fill="#ffdd00" fill-opacity="0.35"'
DASHED = 'stroke-width="1.5" stroke-dasharray="5 3"'


def svg_markup(chart: Trend) -> SafeString:
    """The chart as SVG, one element a line. Its title (the trend in words) is its accessible name; each
    point carries its own title and a value shown on hover. Every text in it is escaped here, so the whole
    is safe to output as it is. The numbers are written as Python writes them (no thousands separator: the
    template drew them with localisation off). A chart without a target leaves out the target's line and
    legend (every KPI has one; the tolerance band lies along it)."""
    c = chart
    left, right, top, bottom, legend = c.left, c.right, c.top, c.bottom, c.legend_y
    lines = [
        f'<svg class="app-chart" width="{c.width}" height="{c.height}" viewBox="0 0 {c.width} {c.height}" '
        f'role="img" aria-labelledby="{escape(c.id)}-title" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="10" fill="{TEXT_COLOUR}">',
        f'<title id="{escape(c.id)}-title">{escape(c.label)}</title>',
        f'<text x="{left}" y="10" font-weight="bold" text-anchor="start">{escape(c.unit_name)}</text>',
        f'<rect class="app-chart__band" x="{left}" y="{c.band[0]}" width="{c.plot_width}" '
        f'height="{c.band[1]}" {BAND_COLOUR}/>'
        if c.band
        else "",
    ]
    lines += [
        f'<line x1="{left}" x2="{right}" y1="{t.pos}" y2="{t.pos}" stroke="{GRID_COLOUR}" stroke-width="1"/>'
        f'<text x="{left - 4}" y="{t.pos}" dy="3" text-anchor="end" fill="{HINT_COLOUR}">{escape(t.text)}</text>'
        for t in c.y_ticks
    ]
    lines += [
        f'<line class="app-chart__axis" x1="{left}" x2="{left}" y1="{top}" y2="{bottom}" '
        f'stroke="{TEXT_COLOUR}" stroke-width="1"/>',
        f'<line class="app-chart__axis" x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" '
        f'stroke="{TEXT_COLOUR}" stroke-width="1"/>',
    ]
    lines += [
        f'<line x1="{t.pos}" x2="{t.pos}" y1="{bottom}" y2="{bottom + 4}" stroke="{TEXT_COLOUR}" stroke-width="1"/>'
        f'<text class="app-chart__period" x="{t.pos}" y="{bottom + 15}" text-anchor="middle" '
        f'fill="{HINT_COLOUR}">{escape(t.text)}</text>'
        for t in c.x_ticks
    ]
    if c.target_y is not None:
        lines += [
            f'<line class="app-chart__target" x1="{left}" x2="{right}" y1="{c.target_y}" y2="{c.target_y}" '
            f'stroke="{TEXT_COLOUR}" {DASHED}/>',
            f'<text class="app-chart__target-label" x="{right + 4}" y="{c.target_y}" dy="3" '
            f'text-anchor="start" font-weight="bold">{escape(c.target_label)}</text>',
        ]
    lines.append(
        f'<polyline points="{c.line}" fill="none" stroke="{ACTUAL_COLOUR}" stroke-width="2" '
        'stroke-linejoin="round"/>'
    )
    last = len(c.points) - 1
    for i, p in enumerate(c.points):
        value = escape(p.value)
        lines.append(
            f'<g class="app-chart__point"><title>{escape(p.period)}: {value}</title>'
            f'<circle cx="{p.x}" cy="{p.y}" r="6" fill="transparent"/>'
            f'<circle cx="{p.x}" cy="{p.y}" r="3" fill="{ACTUAL_COLOUR}"/>'
            f'<text class="app-chart__value{" app-chart__value--last" if i == last else ""}" x="{p.x}" '
            f'y="{p.y}" dy="{-7 if p.label_above else 14}" text-anchor="middle" font-weight="bold">{value}</text></g>'
        )
    keys = [
        f'<line x1="{left}" x2="{left + 16}" y1="{legend - 3}" y2="{legend - 3}" stroke="{ACTUAL_COLOUR}" '
        f'stroke-width="2"/><text x="{left + 20}" y="{legend}">Actual</text>'
    ]
    if c.target_y is not None:
        keys.append(
            f'<line x1="{left + 62}" x2="{left + 78}" y1="{legend - 3}" y2="{legend - 3}" '
            f'stroke="{TEXT_COLOUR}" {DASHED}/><text x="{left + 82}" y="{legend}">Target</text>'
        )
    if c.band:
        keys.append(
            f'<rect x="{left + 122}" y="{legend - 8}" width="12" height="8" {BAND_COLOUR} stroke="#b1b4b6"/>'
            f'<text x="{left + 138}" y="{legend}">{escape(c.band_label)}</text>'
        )
    lines.append(f'<g class="app-chart__legend" fill="{TEXT_COLOUR}">{"".join(keys)}</g>')
    lines.append("</svg>")
    return mark_safe("\n".join(lines))  # noqa: S308 - every text above is escaped
