"""Reads of strategies shared by the pages and the API: finding strategies, the moves open to someone,
the dashboard. Filters take and return querysets, so paging and counting stay in SQL."""

from collections.abc import Callable

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q

from . import checklist, lifecycle, permissions
from .models import ImpactEntry, Outcome, ScopeItem, Stage, Strategy, TransitionLog

DASHBOARD_PAGE = 25  # own strategies on a page of the dashboard


def with_words(strategies, words: str, *, in_content: bool = False):
    """Strategies whose reference, title or purpose has `words`; `in_content` looks in their outcomes and
    scope too (the list page does; the API does not)."""
    match = Q(title__icontains=words) | Q(reference__icontains=words) | Q(purpose__icontains=words)
    if in_content:
        # Subqueries, not joins: no duplicate rows and no DISTINCT over the whole strategy.
        match |= Q(pk__in=Outcome.objects.filter(title__icontains=words).values("strategy")) | Q(
            pk__in=ScopeItem.objects.filter(area__icontains=words).values("strategy")
        )
    return strategies.filter(match)


def commissioned_by(strategies, user):
    """Strategies `user` (a user or their id) commissions: as the accountable commissioner or another."""
    return strategies.filter(
        Q(accountable_commissioner=user)
        | Q(pk__in=Strategy.commissioners.through.objects.filter(user=user).values("strategy"))
    )


def strategy_list(*, q="", stage="", directorate=None, commissioner=None):
    """The strategies list page's search: words (in their content too), stage, directorate, commissioner."""
    strategies = Strategy.objects.select_related("directorate", "accountable_commissioner").order_by(
        "reference"
    )
    if q:
        strategies = with_words(strategies, q, in_content=True)
    if stage:
        strategies = strategies.filter(stage=stage)
    if directorate:
        strategies = strategies.filter(directorate=directorate)
    if commissioner:
        strategies = commissioned_by(strategies, commissioner)
    return strategies


def with_impact_entries(strategies=None):
    """Strategies with their impact assessment's entries (and areas): what the checklist and the outcomes'
    approval snapshot (members.snapshots) read of it, in one query."""
    strategies = Strategy.objects.all() if strategies is None else strategies
    return strategies.prefetch_related(
        Prefetch("impactentrys", queryset=ImpactEntry.objects.select_related("area"))
    )


# What later stages' panels on the strategy page read with the strategy itself (their counts, a one-to-one
# relation), so that none costs a query of its own: `annotate(strategies) -> strategies`, registered from
# their AppConfig.ready() by read_with_overview(); each panel answers from what was read, else reads it.
_overview_reads: list[Callable] = []


def read_with_overview(annotate: Callable) -> None:
    if annotate not in _overview_reads:
        _overview_reads.append(annotate)


def for_overview(strategies=None):
    """Strategies as the strategy page reads its own: with their impact assessment and checklist counts, and
    what the other apps' panels registered (read_with_overview), in its one query."""
    strategies = checklist.with_counts(with_impact_entries(strategies))
    for annotate in _overview_reads:
        strategies = annotate(strategies)
    return strategies


def transitions_for(strategy: Strategy, user) -> list[dict]:
    """Every transition out of the current stage, with whether this user may apply it and why not."""
    may = permissions.can_transition(user, strategy)
    options = []
    for t in strategy.get_all_stage_transitions():
        if t.source != strategy.stage:
            continue
        reasons = lifecycle.refusal_reasons(strategy, t.name)
        options.append(
            {
                "name": t.name,
                "label": t.custom["label"],
                "target": Stage(t.target),
                "custom": t.custom,
                "reasons": reasons,
                "allowed": may.allowed and not reasons,
                "permission_reason": may.reason,
            }
        )
    # The way forward first; archiving last.
    return sorted(options, key=lambda option: bool(option["custom"].get("warning")))


def dashboard_for(user, page=None) -> dict:
    """The dashboard: strategies counted by stage, one page of `user`'s own strategies, the latest moves."""
    # Counted by stage with how many of each are the user's, in one query: the pages of theirs need no count.
    mine = commissioned_by(Strategy.objects.all(), user)
    by_stage = {
        stage: (n, theirs)
        for stage, n, theirs in Strategy.objects.values_list("stage")
        .annotate(n=Count("pk"), theirs=Count("pk", filter=Q(pk__in=mine.values("pk"))))
        .values_list("stage", "n", "theirs")
    }
    pages = Paginator(
        mine.select_related("directorate", "accountable_commissioner").order_by("reference"), DASHBOARD_PAGE
    )
    pages.count = sum(theirs for _, theirs in by_stage.values())
    return {
        "stages": [(stage, by_stage.get(stage.value, (0, 0))[0]) for stage in Stage],
        "page": pages.get_page(page),
        "recent": TransitionLog.objects.select_related("strategy", "actor")[:10],
    }


def plans_of_this_cycle(strategy) -> list:
    """The strategy's plans of its cycle, in order: those its page's Plan -> Do check read already
    (plans.selectors.of_this_cycle, remembered on it under "plans"), else read here."""
    read = lifecycle.recalled(strategy, ("plans",))
    if read is not None:
        return list(read)
    return list(strategy.plans.filter(cycle=strategy.cycle).order_by("pk"))
