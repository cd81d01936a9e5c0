"""The numbers of a Delivery Analysis, computed, never typed: whole-life cost and benefit, net present cost,
and each option against the baseline (the status quo), as HM Treasury's Green Book appraises: the net
present value and return on investment of the differences, the benefit-cost ratio and the payback year;
and the weighted score and rank. README "Options appraisal: figures against the status quo" works an
example by hand."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")


def npv(one_off: Decimal, annual_cost: Decimal, annual_benefit: Decimal, years: int, rate_percent: Decimal):
    """Net present value: the one-off cost now, then each year's net benefit discounted to today."""
    rate = Decimal(rate_percent) / 100
    value = -Decimal(one_off)
    for year in range(1, years + 1):
        value += (Decimal(annual_benefit) - Decimal(annual_cost)) / (1 + rate) ** year
    return value.quantize(PENNY, ROUND_HALF_UP)


def roi(one_off: Decimal, annual_cost: Decimal, annual_benefit: Decimal, years: int):
    """Return on investment over the period, as a percentage of the whole-life cost (None if it costs nothing)."""
    cost = Decimal(one_off) + Decimal(annual_cost) * years
    if cost == 0:
        return None
    return ((Decimal(annual_benefit) * years - cost) / cost * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _factors(years: int, rate_percent: Decimal) -> list[Decimal]:
    """Discount factors for year 0 (now, undiscounted) to `years`: 1 / (1 + r)^t."""
    rate = Decimal(rate_percent) / 100
    return [1 / (1 + rate) ** year for year in range(years + 1)]


def _flows(option, years: int) -> tuple[list[Decimal], list[Decimal]]:
    """An option's costs and benefits for year 0 (the one-off cost) and each year after."""
    costs = [Decimal(option.one_off_cost)] + [Decimal(option.annual_cost)] * years
    benefits = [Decimal(0)] + [Decimal(option.annual_benefit)] * years
    return costs, benefits


def net_present_cost(option, years: int, rate_percent: Decimal) -> Decimal:
    """The option's own costs, each year discounted to today."""
    costs, _benefits = _flows(option, years)
    return sum(c * f for c, f in zip(costs, _factors(years, rate_percent), strict=True)).quantize(
        PENNY, ROUND_HALF_UP
    )


@dataclass
class AgainstBaseline:
    """An option's figures relative to the baseline, all discounted at the appraisal's rate."""

    pv_benefits: Decimal  # extra benefits and costs saved, against the baseline
    pv_costs: Decimal  # extra costs and benefits lost, against the baseline
    npv: Decimal  # pv_benefits - pv_costs
    roi: Decimal | None  # npv / pv_costs, a percentage; None when there is no extra cost
    bcr: Decimal | None  # pv_benefits / pv_costs; None when there is no extra cost
    payback_year: (
        int | None
    )  # first year the cumulative discounted net benefit is 0 or more; None: not within


def against_baseline(option, baseline, years: int, rate_percent: Decimal) -> AgainstBaseline:
    """Green Book incremental appraisal. Each year's difference from the baseline is split by sign: a cost
    saved or a benefit gained is a benefit; a cost added or a benefit lost is a cost."""
    factors = _factors(years, rate_percent)
    costs, benefits = _flows(option, years)
    base_costs, base_benefits = _flows(baseline, years)
    pv_benefits = pv_costs = Decimal(0)
    cumulative, payback = Decimal(0), None
    for year, factor in enumerate(factors):
        extra_cost = costs[year] - base_costs[year]
        extra_benefit = benefits[year] - base_benefits[year]
        gained = max(extra_benefit, 0) + max(-extra_cost, 0)
        lost = max(extra_cost, 0) + max(-extra_benefit, 0)
        pv_benefits += gained * factor
        pv_costs += lost * factor
        cumulative += (gained - lost) * factor
        if payback is None and year >= 1 and cumulative.quantize(PENNY, ROUND_HALF_UP) >= 0:
            payback = year
    pv_benefits, pv_costs = (
        pv_benefits.quantize(PENNY, ROUND_HALF_UP),
        pv_costs.quantize(PENNY, ROUND_HALF_UP),
    )
    net = pv_benefits - pv_costs
    return AgainstBaseline(
        pv_benefits=pv_benefits,
        pv_costs=pv_costs,
        npv=net,
        roi=(net / pv_costs * 100).quantize(Decimal("0.1"), ROUND_HALF_UP) if pv_costs else None,
        bcr=(pv_benefits / pv_costs).quantize(PENNY, ROUND_HALF_UP) if pv_costs else None,
        payback_year=payback,
    )


@dataclass
class OptionFigures:
    option: object
    whole_life_cost: Decimal
    whole_life_benefit: Decimal
    roi: Decimal | None
    npv: Decimal
    score: Decimal | None  # weighted, out of 100; None until every criterion is scored
    missing_scores: list
    rank: int | None = None
    adopted: bool = False
    net_present_cost: Decimal | None = None
    is_baseline: bool = False
    # Against the appraisal's baseline; None for the baseline itself and while no baseline is chosen (the
    # gross `roi` and `npv` above are shown until then).
    against_baseline: AgainstBaseline | None = None


def weighted_score(criteria, scores_by_criterion: dict):
    total_weight = sum(c.weight for c in criteria)
    missing = [c for c in criteria if c.pk not in scores_by_criterion]
    if missing or not total_weight:
        return None, missing
    points = sum(c.weight * scores_by_criterion[c.pk] for c in criteria)
    return (Decimal(points) / (5 * total_weight) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP), []


def compare(appraisal, options=None, criteria=None) -> list[OptionFigures]:
    """Every option's figures, ranked by weighted score (equal scores share a rank)."""
    options = list(options if options is not None else appraisal.options.prefetch_related("scores"))
    criteria = list(criteria if criteria is not None else appraisal.criteria.all())
    baseline = next((o for o in options if o.pk == appraisal.baseline_option_id), None)
    rows = []
    for option in options:
        by_criterion = {s.criterion_id: s.score for s in option.scores.all()}
        score, missing = weighted_score(criteria, by_criterion)
        rows.append(
            OptionFigures(
                option=option,
                whole_life_cost=(option.one_off_cost + option.annual_cost * appraisal.years).quantize(PENNY),
                whole_life_benefit=(option.annual_benefit * appraisal.years).quantize(PENNY),
                roi=roi(option.one_off_cost, option.annual_cost, option.annual_benefit, appraisal.years),
                npv=npv(
                    option.one_off_cost,
                    option.annual_cost,
                    option.annual_benefit,
                    appraisal.years,
                    appraisal.discount_rate,
                ),
                score=score,
                missing_scores=missing,
                adopted=option.pk == appraisal.adopted_option_id,
                net_present_cost=net_present_cost(option, appraisal.years, appraisal.discount_rate),
                is_baseline=baseline is not None and option.pk == baseline.pk,
                against_baseline=against_baseline(option, baseline, appraisal.years, appraisal.discount_rate)
                if baseline is not None and option.pk != baseline.pk
                else None,
            )
        )
    scored = sorted((r for r in rows if r.score is not None), key=lambda r: r.score, reverse=True)
    for row in scored:
        row.rank = 1 + sum(1 for other in scored if other.score > row.score)
    return rows


# As the appraisal page and the meeting pack print them --------------------------------------------------


def pounds(value) -> str:
    """Whole pounds with a true minus sign: −£1,234."""
    whole = f"£{abs(value):,.0f}"
    return f"−{whole}" if value.quantize(Decimal("1")) < 0 else whole


def percent(value) -> str:
    return "–" if value is None else f"{'−' if value < 0 else ''}{abs(value)}%"


def figures_shown(row, years: int) -> dict:
    """One option's figures as the page and the pack print them."""
    shown = {
        "net_present_cost": pounds(row.net_present_cost),
        "gross_npv": pounds(row.npv),
        "gross_roi": percent(row.roi),
    }
    against = row.against_baseline
    if row.is_baseline:
        shown |= {"npv": "Baseline", "roi": "Baseline", "bcr": "Baseline", "payback": "Baseline"}
    elif against is not None:
        shown |= {
            "npv": pounds(against.npv),
            "roi": percent(against.roi),
            "bcr": "–" if against.bcr is None else f"{against.bcr}",
            "payback": f"Year {against.payback_year}"
            if against.payback_year is not None
            else f"Not within {years} year{'s' if years != 1 else ''}",
        }
    return shown
