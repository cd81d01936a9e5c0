"""The KPI trend chart (delivery.charts): axes, the target and tolerance band where they belong, and the
trend said in words that respect the KPI's polarity."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from delivery import charts, performance


def position(values, *, target, polarity="higher", tolerance=0, unit="%"):
    kpi = SimpleNamespace(
        pk=7, target=Decimal(target), tolerance=Decimal(tolerance), polarity=polarity, unit=unit
    )
    months = [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31)]
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
