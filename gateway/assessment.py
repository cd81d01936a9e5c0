"""Which projects are key projects: each active criterion is met or not, met ones add their points, and a
project at or over the key-project mark is key, unless the panel has overridden it with a reason.

Measured criteria are read from the project itself: its annual value (the adopted options' annual cost in
this cycle's plans; before a plan adopts one, the annual cost of its current contracts and services), its
interdependencies with strategies of other directorates, whether it is a joint strategy. Judged ones are
the panel's answers.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from commissioning.prefetch import read_together
from plans.models import DeliveryOption
from strategies import lifecycle
from strategies.models import Interdependency, StartingPositionItem, Strategy

from .models import Criterion, CriterionAnswer, KeyProjectMark, KeyProjectOverride

ZERO = Decimal("0")


@dataclass
class Line:
    criterion: Criterion
    met: bool | None  # None: a judged criterion not yet answered
    how: str


@dataclass
class Assessment:
    strategy: object
    value: Decimal
    lines: list[Line] = field(default_factory=list)
    mark: int = 0
    override: KeyProjectOverride | None = None

    @property
    def score(self) -> int:
        return sum(line.criterion.points for line in self.lines if line.met)

    @property
    def scored_key(self) -> bool:
        return self.score >= self.mark

    @property
    def is_key(self) -> bool:
        return self.override.is_key if self.override else self.scored_key

    @property
    def unanswered(self) -> list[Criterion]:
        return [line.criterion for line in self.lines if line.met is None]


def _measured(strategies) -> tuple[dict[int, Decimal], set[int]]:
    """Each project's annual value, and which are interdependent with a strategy of another directorate
    (either way round), for many strategies in one query (as with_key_status() works them out)."""
    if not strategies:
        return {}, set()
    found = with_measures(Strategy.objects.filter(pk__in=[s.pk for s in strategies])).values_list(
        "pk", "key_value", "key_crosses"
    )
    values = {pk: value for pk, value, _ in found}
    return values, {pk for pk, _, crosses in found if crosses}


def with_measures(strategies):
    """`strategies` annotated with `key_value` (the annual value: the adopted options' annual cost in this
    cycle's plans, else the starting position's; an adopted option costing nothing, decommissioning, is the
    value: £0, not what it stops) and `key_crosses` (interdependent with another directorate's strategy)."""
    money = DecimalField(max_digits=16, decimal_places=2)
    adopted = DeliveryOption.objects.filter(
        adopted_by__plan__strategy=OuterRef("pk"), adopted_by__plan__cycle=OuterRef("cycle")
    )
    current = StartingPositionItem.objects.filter(strategy=OuterRef("pk"))
    value = Case(
        When(Exists(adopted), then=_sum_of(adopted, "adopted_by__plan__strategy")),
        default=Coalesce(_sum_of(current, "strategy"), Value(ZERO), output_field=money),
        output_field=money,
    )
    # Either side of an interdependency, each looked up by its own index against the outer strategy's
    # directorate (one subquery on "strategy or other", joining both strategies, took twice as long a row).
    crossing = Exists(
        Interdependency.objects.filter(strategy=OuterRef("pk")).exclude(
            other__directorate=OuterRef("directorate")
        )
    ) | Exists(
        Interdependency.objects.filter(other=OuterRef("pk")).exclude(
            strategy__directorate=OuterRef("directorate")
        )
    )
    return strategies.annotate(key_value=value, key_crosses=crossing)


def assess_many(strategies) -> dict[int, Assessment]:
    """Assessments for a list of strategies in a fixed number of queries (for the programme)."""
    strategies = list(strategies)
    # The criteria, the mark and the panel's answers, read in one query.
    criteria, marks, answered = read_together(
        Criterion.objects.filter(active=True),
        KeyProjectMark.objects.all(),
        CriterionAnswer.objects.filter(strategy__in=[s.pk for s in strategies]),
    )
    mark = marks[0].points if marks else KeyProjectMark.current().points  # the first, as current() reads
    values, crossing = _measured(strategies)
    cycles = {s.pk: s.cycle for s in strategies}
    answers = {
        (a.strategy_id, a.criterion_id): a
        for a in answered
        if a.cycle == cycles[a.strategy_id]  # this cycle's judgements only
    }
    overrides = {
        (o.strategy_id, o.cycle): o
        for o in KeyProjectOverride.objects.filter(strategy__in=strategies).select_related("by")
    }
    result = {}
    for s in strategies:
        assessment = Assessment(
            strategy=s, value=values[s.pk], mark=mark, override=overrides.get((s.pk, s.cycle))
        )
        for criterion in criteria:
            if criterion.test == Criterion.Test.VALUE_OVER:
                threshold = criterion.threshold or ZERO
                met = assessment.value > threshold
                how = (
                    f"£{assessment.value:,.0f} a year {'is over' if met else 'is not over'} £{threshold:,.0f}"
                )
            elif criterion.test == Criterion.Test.CROSS_DIRECTORATE:
                met = s.pk in crossing
                how = (
                    "interdependent with other directorates' strategies" if met else "within one directorate"
                )
            elif criterion.test == Criterion.Test.JOINT:
                met = s.is_joint
                how = f"joint with {s.lead_partner}" if met else "not a joint strategy"
            else:
                answer = answers.get((s.pk, criterion.pk))
                met = answer.met if answer else None
                how = (answer.note or ("yes" if answer.met else "no")) if answer else "not yet answered"
            assessment.lines.append(Line(criterion, met, how))
        result[s.pk] = assessment
    return result


@dataclass
class KeyStatus:
    """What a list shows of a project's assessment, read from with_key_status()'s annotations."""

    value: Decimal
    score: int
    mark: int
    is_key: bool
    override: bool  # whether the panel's decision overrode the score

    @classmethod
    def of(cls, strategy, mark: int) -> "KeyStatus":
        return cls(
            strategy.key_value,
            strategy.key_score,
            mark,
            strategy.key_project,
            strategy.key_override is not None,
        )


def _sum_of(queryset, group: str):
    """The Sum of annual_cost of `queryset` for the outer strategy, as a subquery (NULL when no rows)."""
    money = DecimalField(max_digits=16, decimal_places=2)
    return Subquery(
        queryset.values(group).annotate(total=Sum("annual_cost")).values("total")[:1], output_field=money
    )


def with_key_status(strategies, criteria=None, mark: int | None = None):
    """`strategies` annotated, in SQL, with what assess_many() works out in Python for each (kept equal by
    tests/gateway/test_page_queries.py): `key_value` (the annual value), `key_score` and `key_project`.
    So the programme filters and counts key projects in the database and assesses only the page shown."""
    criteria = list(Criterion.objects.filter(active=True)) if criteria is None else criteria
    mark = KeyProjectMark.current().points if mark is None else mark
    strategies = with_measures(strategies)
    points = []
    for criterion in criteria:
        if criterion.test == Criterion.Test.VALUE_OVER:
            met = Q(key_value__gt=criterion.threshold or ZERO)
        elif criterion.test == Criterion.Test.CROSS_DIRECTORATE:
            met = Q(key_crosses=True)
        elif criterion.test == Criterion.Test.JOINT:
            met = Q(is_joint=True)
        else:
            met = Q(
                Exists(
                    CriterionAnswer.objects.filter(
                        strategy=OuterRef("pk"), cycle=OuterRef("cycle"), criterion=criterion, met=True
                    )
                )
            )
        points.append(Case(When(met, then=Value(criterion.points)), default=Value(0)))
    score = sum(points[1:], points[0]) if points else Value(0)
    override = KeyProjectOverride.objects.filter(strategy=OuterRef("pk"), cycle=OuterRef("cycle"))
    strategies = strategies.annotate(
        key_score=Coalesce(score, Value(0), output_field=IntegerField()),
        key_override=Subquery(override.values("is_key")[:1], output_field=BooleanField()),
    )
    # The panel's override, else the score against the mark: the override's subquery run once a row (a
    # CASE testing it for NULL, then reading it, ran it twice).
    return strategies.annotate(
        key_project=Coalesce(
            F("key_override"),
            ExpressionWrapper(Q(key_score__gte=mark), output_field=BooleanField()),
            output_field=BooleanField(),
        )
    )


def assess(strategy) -> Assessment:
    """Once per page (strategies.lifecycle.remembered): the Plan → Do condition and the gateway panel ask."""
    return lifecycle.remembered(strategy, ("assessment",), lambda: assess_many([strategy])[strategy.pk])


def is_key_project(strategy) -> bool:
    return assess(strategy).is_key
