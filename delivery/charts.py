"""A small trend chart per KPI, drawn on the server as SVG, so the same chart appears in the page and in
PDF meeting packs (WeasyPrint renders SVG). The view or service prepares it; templates only lay it out."""

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT, PAD = 160, 40, 4


@dataclass
class Trend:
    points: str  # SVG polyline points
    dots: list  # [(x, y)]
    target_y: float | None
    label: str  # the chart's text alternative
    width: int = WIDTH
    height: int = HEIGHT


def trend(series, target: Decimal | None, unit: str = "") -> Trend | None:
    """series: [(period_end, value)], oldest first."""
    if not series:
        return None
    values = [float(v) for _, v in series]
    scale = values + ([float(target)] if target is not None else [])
    low, high = min(scale), max(scale)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)

    def y(value):
        return round(HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD), 1)

    dots = [(round(PAD + i * step, 1), y(v)) for i, v in enumerate(values)]
    suffix = f" {unit}" if unit and unit != "%" else unit
    readings = ", ".join(f"{v:g}{suffix}" for v in values)
    label = f"Trend over {len(values)} period{'s' if len(values) != 1 else ''}: {readings}"
    if target is not None:
        label += f"; target {float(target):g}{suffix}"
    return Trend(
        points=" ".join(f"{x},{y_}" for x, y_ in dots),
        dots=dots,
        target_y=y(float(target)) if target is not None else None,
        label=label,
    )
