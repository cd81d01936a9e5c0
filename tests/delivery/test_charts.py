"""The KPI trend chart (delivery.charts): axes, the target and tolerance band where they belong, and the
trend said in words that respect the KPI's polarity."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from delivery import charts, performance

CHARTS = Path(__file__).parent / "charts"


QUARTER_ENDS = [
    date(year, month, 30 if month in (6, 9) else 31) for year in (2024, 2025, 2026) for month in (3, 6, 9, 12)
]


def position(values, *, target, polarity="higher", tolerance=0, unit="%", start=date(2026, 3, 31)):
    kpi = SimpleNamespace(
        pk=7, target=Decimal(target), tolerance=Decimal(tolerance), polarity=polarity, unit=unit
    )
    months = QUARTER_ENDS[QUARTER_ENDS.index(start) :]
    return performance.Position(kpi, [(months[i], Decimal(v)) for i, v in enumerate(values)])


def test_the_trend_in_words_is_its_accessible_name():
    chart = charts.trend(position(["60", "69"], target="70"))
    assert chart.label == "Improving (higher is better): 60% in March 2026, 69% in June 2026; target 70%"
    assert chart.id == "kpi-7-chart" and chart.unit_name == "Per cent (%)"
    assert [t.text for t in chart.x_ticks] == ["Mar 2026", "Jun 2026"]
    assert chart.target_label == "Target 70%" and chart.band is None
    assert [(p.period, p.value) for p in chart.points] == [("March 2026", "60%"), ("June 2026", "69%")]


@pytest.mark.parametrize(
    ("values", "polarity", "word", "movement"),
    [
        (["15", "12"], "lower", "Improving", "Down from 15 days to 12 days (lower is better)"),
        (["12", "15"], "lower", "Worsening", "Up from 12 days to 15 days (lower is better)"),
        (["12", "15"], "higher", "Improving", "Up from 12 days to 15 days (higher is better)"),
        (["15", "12"], "higher", "Worsening", "Down from 15 days to 12 days (higher is better)"),
        (["12", "12"], "lower", "No change", "Unchanged at 12 days (lower is better)"),
    ],
)
def test_improving_means_better_for_either_polarity(values, polarity, word, movement):
    p = position(values, target="10", polarity=polarity, unit="days")
    assert p.direction_label == word
    assert p.direction_arrow == {"Improving": "↑", "Worsening": "↓", "No change": "→"}[word]
    assert p.movement == movement
    assert charts.trend(p).label.startswith(f"{word} ({polarity} is better): ")


@pytest.mark.parametrize(("polarity", "band"), [("higher", ("65", "70")), ("lower", ("70", "75"))])
def test_the_tolerance_band_lies_on_the_short_side_of_the_target(polarity, band):
    p = position(["60", "69"], target="70", polarity=polarity, tolerance="5")
    assert charts.band(p.kpi) == (Decimal(band[0]), Decimal(band[1]))
    chart = charts.trend(p)
    top, height = chart.band
    edge = chart.target_y
    # Higher is better: the band is below the target line (larger y); lower is better: above it.
    assert (top == edge) if polarity == "higher" else (round(top + height, 1) == edge)
    assert chart.label.endswith("; target 70%, tolerance 5%")
    assert chart.band_label == f"Within tolerance ({band[0]}% to {band[1]}%)"


def test_the_value_axis_is_labelled_in_plain_numbers_from_a_nice_scale():
    chart = charts.trend(position(["1150", "1300", "1210"], target="1250", unit="number"))
    texts = [t.text for t in chart.y_ticks]
    assert texts == ["1,150", "1,200", "1,250", "1,300"]  # a nice step, not from zero: the line would be flat
    assert chart.unit_name == "Number" and chart.target_label == "Target 1,250"
    ys = [t.pos for t in chart.y_ticks]
    assert ys == sorted(ys, reverse=True) and ys[0] == chart.bottom and ys[-1] >= chart.top


def test_no_actuals_no_chart_and_one_actual_a_point():
    assert charts.trend(position([], target="70")) is None
    single = charts.trend(position(["50"], target="70"))
    assert len(single.points) == 1 and single.label.startswith("First period (higher is better): 50% in")


# The chart's SVG (charts.svg) ------------------------------------------------------------------------------

# Each chart as the template (templates/delivery/_chart.svg) drew it before charts.svg_markup took its place,
# kept in tests/delivery/charts/<name>.svg: the same markup, geometry and accessible text.
DRAWN = {
    "below target, improving": lambda: position(["60", "69"], target="70"),
    "lower is better, about the target, with its band": lambda: position(
        ["15", "9.5", "12", "11.25"], target="10", polarity="lower", tolerance="3", unit="days"
    ),
    "above target, more periods than labels": lambda: position(
        ["1150", "1300", "1210", "1275", "1320", "1400", "1390", "1410"],
        target="1000",
        unit="number",
        start=date(2024, 3, 31),
    ),
    "one actual, in pounds": lambda: position(["50.5"], target="70", tolerance="5", unit="£"),
    "on target throughout": lambda: position(["70", "70", "70"], target="70", tolerance="2"),
    "below zero, a unit in its own words": lambda: position(
        ["-5", "3", "-1.5"], target="0", unit="visits <to> & \"from\" 'out'"
    ),
}


def _drawn(name: str) -> str:
    return (CHARTS / (re.sub(r"[^a-z0-9]+", "-", name).strip("-") + ".svg")).read_text()


@pytest.mark.parametrize("name", DRAWN)
def test_the_svg_is_what_the_template_drew(name):
    chart = charts.trend(DRAWN[name]())
    assert chart.svg == _drawn(name)
    assert isinstance(chart.svg, SafeString)


def test_every_text_in_the_svg_is_escaped():
    """A KPI's unit is free text: it reaches the title, the axis, the target and each point, escaped."""
    svg = charts.trend(DRAWN["below zero, a unit in its own words"]()).svg
    assert "<to>" not in svg and "'out'" not in svg and '"from"' not in svg
    assert ">Visits &lt;to&gt; &amp; &quot;from&quot; &#x27;out&#x27;</text>" in svg
    # The title (three readings and the target), the axis, the target's label, each point's title and value.
    assert svg.count("&lt;to&gt;") == 4 + 1 + 1 + 3 * 2


def test_no_actuals_no_svg_and_the_page_says_so():
    assert charts.trend(position([], target="70")) is None
    assert render_to_string("delivery/_trend.html", {"trend": None}) == (
        '<span class="govuk-body-s">No actuals yet</span>\n'
    )


def test_the_page_wraps_the_svg_as_it_is():
    chart = charts.trend(DRAWN["below target, improving"]())
    html = render_to_string("delivery/_trend.html", {"trend": chart, "words": True})
    assert html.startswith(f'<figure class="app-chart-figure">{chart.svg}\n\n<figcaption')
    pack = render_to_string("packs/items/_trend.html", {"trend": chart})
    assert pack.startswith(f'<div class="pk-chart">{chart.svg}\n\n<p class="pk-small pk-chart__words">')


def test_one_actual_is_a_point_in_the_middle_and_above_or_below_the_target():
    above = charts.trend(position(["80"], target="70"))
    below = charts.trend(position(["60"], target="70"))
    for chart in (above, below):
        (point,) = chart.points
        assert point.x == (chart.left + chart.right) / 2
        assert (
            chart.svg.count('class="app-chart__point"') == 1 and f'points="{point.x},{point.y}"' in chart.svg
        )
    assert above.points[0].y < above.target_y and below.points[0].y > below.target_y  # y grows downwards


def test_without_a_target_no_target_line_nor_its_legend():
    """Every KPI has a target (its field is required); a chart without one draws no line for it."""
    chart = charts.trend(DRAWN["below target, improving"]())
    chart.target_y, chart.target_label = None, ""
    svg = chart.svg
    assert 'class="app-chart__target"' not in svg and ">Target</text>" not in svg
    assert 'class="app-chart__target-label"' not in svg and 'class="app-chart__point"' in svg
    assert svg.startswith('<svg class="app-chart"') and svg.endswith("</svg>")
