"""The numbers of a Delivery Analysis, computed, never typed: whole-life cost and benefit, return on
investment, net present value (HM Treasury Green Book discounting) and the weighted score and rank."""

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
            )
        )
    scored = sorted((r for r in rows if r.score is not None), key=lambda r: r.score, reverse=True)
    for row in scored:
        row.rank = 1 + sum(1 for other in scored if other.score > row.score)
    return rows
