"""Reads shared by members' pages, the API and the public site: open approval requests and who they wait on,
scrutiny's work programme and the councillors (paged in SQL: a page reads only its own rows), registers of
interests (published and full), where a request stands with the interests of its approvers, and key
decisions and decision notices.

`published_decision_notices(user=None)` and `forward_plan_entries(user=None)`: with no user, what the
public may read (nothing about a confidential plan, which is exempt information); with a user, what they
may read. Each notice comes with `.standing` (members.callin.standing: in effect, or not yet and why)."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import get_text_list

from commissioning import roles
from strategies.models import Stage, Strategy

from . import approvals, callin, interests, permissions, rules
from .models import (
    ApprovalDecision,
    ApprovalRequest,
    Board,
    BoardMembership,
    CallIn,
    CallInOutcome,
    DecisionNotice,
    DecisionRecord,
    Dispensation,
    ForwardPlanEntry,
    Interest,
    PortfolioHolder,
    ScrutinyComment,
)

PER_PAGE = 25
HOLDINGS_SHOWN = 10  # a councillor's strategies named in their row; the rest are counted


def decisions():
    return ApprovalDecision.objects.select_related("approver").order_by("decided_at", "pk")


def open_requests():
    return (
        ApprovalRequest.objects.filter(status=ApprovalRequest.Status.OPEN)
        .select_related("strategy", "plan", "requested_by")
        .prefetch_related("approvers", Prefetch("decisions", queryset=decisions()))
        .order_by("requested_at", "pk")
    )


def with_waiting(requests):
    """Each request with `decided_list` (its decisions) and `waiting_on` (the approvers yet to decide)."""
    for r in requests:
        decided = {d.approver_id: d for d in r.decisions.all()}
        r.decided_list = list(decided.values())
        r.waiting_on = [a for a in r.approvers.all() if a.pk not in decided]
    return requests


def waiting_on(user, page=None) -> Page:
    """One page of the open requests this person may read (not those of confidential plans withheld)."""
    found = Paginator(permissions.readable_requests(user, open_requests()), PER_PAGE).get_page(page)
    found.object_list = with_waiting(list(found.object_list))
    return found


def work_programme(user, page=None) -> tuple[Page, bool, object]:
    """Scrutiny's work programme: one page of the strategies referred to the boards this person sits on
    (or, for everyone else, to every scrutiny board), with their proposed outcomes; whether they are this
    person's own boards; the boards shown."""
    boards = Board.objects.filter(kind__in=Board.SCRUTINY_KINDS)
    mine = boards.filter(memberships__member=user)
    own = mine.exists()
    shown = mine if own else boards
    strategies = (
        Strategy.objects.filter(referral__board__in=shown)
        .select_related("referral__board", "directorate")
        .prefetch_related("outcomes")
        .order_by("referral__board__name", "reference")
    )
    return Paginator(strategies, PER_PAGE).get_page(page), own, shown


def _councillors(holdings_shown: int | None, board=None):
    """The councillors and scrutiny members (active; members of `board` if given), with their boards and the
    strategies they hold (`holding_shown`: the first `holdings_shown` of them, or all of them for None)."""
    held = PortfolioHolder.objects.select_related("strategy").order_by("strategy__reference")
    people = get_user_model().objects.filter(
        is_active=True, groups__name__in=[roles.COUNCILLOR, roles.SCRUTINY_MEMBER]
    )
    if board is not None:
        people = people.filter(pk__in=BoardMembership.objects.filter(board=board).values("member"))
    return (
        people.distinct()
        .select_related("councillor_profile")
        .annotate(holdings=Count("portfolio_strategies", distinct=True))
        .prefetch_related(
            Prefetch("board_memberships", queryset=BoardMembership.objects.select_related("board")),
            Prefetch(
                "portfolio_strategies",
                queryset=held if holdings_shown is None else held[:holdings_shown],
                to_attr="holding_shown",
            ),
        )
        .order_by("last_name", "first_name", "pk")
    )


def councillors_all(board=None):
    """Every councillor and scrutiny member (of `board`, if given) with all the strategies they hold (the
    list's CSV)."""
    return _councillors(None, board)


def councillors(page=None, board=None) -> Page:
    """One page of the councillors and scrutiny members (of `board`, if given), with their boards and the
    first HOLDINGS_SHOWN strategies they hold (`holdings`: how many in all; `holdings_more`: those not
    named)."""
    people = _councillors(HOLDINGS_SHOWN, board)
    found = Paginator(people, PER_PAGE).get_page(page)
    for person in found.object_list:
        person.holdings_more = max(person.holdings - HOLDINGS_SHOWN, 0)
    return found


# Registers of interests ------------------------------------------------------------------------------------


def members_with_registers():
    """Everyone who keeps a register of interests (members.permissions.is_member)."""
    return (
        get_user_model()
        .objects.filter(
            Q(groups__name__in=[roles.COUNCILLOR, roles.SCRUTINY_MEMBER])
            | Q(councillor_profile__isnull=False)
        )
        .distinct()
    )


def entries(members=None):
    found = Interest.objects.select_related("member").prefetch_related("strategies")
    if members is not None:
        found = found.filter(member__in=members)
    return found


def published_entries(found=None):
    """What may be published of register entries: current ones only (the Localism Act 2011, s.29, register
    is of interests the member has now); a sensitive interest's details are blanked by `published()`."""
    today = timezone.localdate()
    found = entries() if found is None else found
    return found.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))


@dataclass
class PublishedEntry:
    """One entry as the public may read it: for a sensitive interest (s.32), only its category and that the
    details are withheld."""

    id: int
    category: str
    category_label: str
    disclosable: bool
    held_by: str
    body: str
    description: str
    value: object
    arose_on: object
    sensitive: bool
    providers: list = field(default_factory=list)
    wards: list = field(default_factory=list)
    services: list = field(default_factory=list)
    strategies: list = field(default_factory=list)


WITHHELD = "Details withheld: a sensitive interest (Localism Act 2011, s.32)."


def published(interest: Interest) -> PublishedEntry:
    if interest.sensitive:
        return PublishedEntry(
            id=interest.pk,
            category=interest.category,
            category_label=interest.get_category_display(),
            disclosable=interest.disclosable,
            held_by="",
            body="",
            description=WITHHELD,
            value=None,
            arose_on=None,
            sensitive=True,
        )
    return PublishedEntry(
        id=interest.pk,
        category=interest.category,
        category_label=interest.get_category_display(),
        disclosable=interest.disclosable,
        held_by=interest.get_held_by_display(),
        body=interest.body,
        description=interest.description,
        value=interest.value,
        arose_on=interest.arose_on,
        sensitive=False,
        providers=Interest.lines(interest.providers),
        wards=Interest.lines(interest.wards),
        services=Interest.lines(interest.services),
        strategies=[s.reference for s in interest.strategies.all()],
    )


def published_register(member) -> list[PublishedEntry]:
    """A member's register as it may be published, with no sign-in (the public site uses this): current
    entries, a sensitive interest's details withheld."""
    return [published(i) for i in published_entries(entries([member]))]


def dispensations(member):
    return Dispensation.objects.filter(member=member).select_related("strategy", "interest", "recorded_by")


# Where a request stands ---------------------------------------------------------------------------------


@dataclass
class Standing:
    barred: dict  # approver id -> why
    able: list
    rule: str  # the rule in words, counting only those able to decide
    ask: str = ""  # when nobody named can decide: who must be asked
    conflicts: list = field(default_factory=list)  # the viewer's flagged interests
    declarations: list = field(default_factory=list)


def who_to_ask(request, barred: dict) -> str:
    strategy = request.strategy
    named = {a.pk for a in request.approvers.all()}
    others = [
        h.councillor
        for h in PortfolioHolder.objects.filter(strategy=strategy).select_related("councillor")
        if h.councillor_id not in named and h.councillor.is_active
    ]
    others = [p for p in others if p.pk not in interests.bars(request, others)]
    if others:
        return (
            f"None of the approvers named can decide. Ask {get_text_list([str(p) for p in others], 'or')}, who "
            f"also hold{'s' if len(others) == 1 else ''} {strategy.reference}: withdraw this request and ask again."
        )
    chair = (
        BoardMembership.objects.filter(board__kind=Board.Kind.EXECUTIVE, role=BoardMembership.Role.CHAIR)
        .select_related("member")
        .first()
    )
    leader = f"{chair.member}, who chairs the Executive," if chair else "the chair of the Executive"
    return (
        f"None of the approvers named can decide, and no other portfolio holder of {strategy.reference} can. "
        f"Ask {leader} to take the decision or give it to another Executive member, or ask the standards "
        "committee for a dispensation."
    )


def standing(request, viewer=None) -> Standing:
    """Who can decide this request, the rule as it then counts, and who must be asked when nobody can; and
    the viewer's registered interests that touch its strategy (the flags on the page)."""
    approvers = list(request.approvers.all())
    decided = {d.approver_id for d in request.decisions.all()}
    barred = interests.bars(request, [a for a in approvers if a.pk not in decided], viewer=viewer)
    able = [a for a in approvers if a.pk not in barred]
    found = Standing(
        barred=barred,
        able=able,
        rule=rules.describe(request.rule, len(approvers), barred=len(barred)),
        declarations=list(
            request.declarations.select_related("member", "interest").order_by("declared_at", "pk")
        ),
    )
    if request.is_open and not able:
        found.ask = who_to_ask(request, barred)
    if viewer is not None and any(a.pk == viewer.pk for a in approvers):
        found.conflicts = interests.conflicts(viewer, request.strategy)
    return found


def registers_listing():
    """Everyone who keeps a register, with how many current entries it has (for the councillors' page)."""
    return members_with_registers().prefetch_related(
        Prefetch("interests", queryset=published_entries(Interest.objects.all()))
    )


# Key decisions and decision notices ----------------------------------------------------------------------


def _public_or_readable(records, user, via: str):
    if user is None:
        return records.filter(Q(**{f"{via}plan__isnull": True}) | Q(**{f"{via}plan__confidential": False}))
    return permissions.readable_requests(user, records, via=via)


def public_decision_records():
    """Decision records the public may read (none about a confidential plan, which is exempt information),
    newest first: the public site's decisions page and the open-data API read the same."""
    records = permissions.readable_requests(AnonymousUser(), DecisionRecord.objects.all(), via="request__")
    return records.select_related("strategy").order_by("-decided_at", "-pk")


def published_decision_notices(user=None, status: str = ""):
    """Decision notices, newest first, with their call-ins and outcomes read in the same few queries.
    `status`: "open" (still in the call-in period or held) keeps those only; "" all."""
    notices = _public_or_readable(DecisionNotice.objects.all(), user, via="record__request__")
    notices = notices.select_related(
        "record__strategy__directorate", "record__request__plan"
    ).prefetch_related(
        Prefetch("call_ins", CallIn.objects.select_related("member").order_by("made_at", "pk")),
        Prefetch(
            "outcomes", CallInOutcome.objects.select_related("recorded_by").order_by("recorded_at", "pk")
        ),
    )
    return notices.order_by("-published_at", "-pk")


def with_standing(notices, today=None) -> list:
    """The notices (a page of them), each with `.standing`."""
    found = list(notices)
    for notice in found:
        notice.standing = callin.standing(notice, today)
    return found


def decision_notice(pk, user=None):
    """One notice, with `.standing`, or None when there is none this reader may see."""
    notice = published_decision_notices(user).filter(pk=pk).first()
    if notice is not None:
        notice.standing = callin.standing(notice)
    return notice


def forward_plan_entries(user=None, since=None):
    """The key decisions on the forward plan of live strategies, soonest first, with their exceptions and
    whether each may be taken yet; `since`: expected on or after that day."""
    entries = ForwardPlanEntry.objects.exclude(strategy__stage=Stage.ARCHIVED)
    entries = _public_or_readable(entries, user, via="")
    if since is not None:
        entries = entries.filter(expected_on__gte=since)
    return (
        entries.select_related("strategy__directorate", "plan")
        .prefetch_related("exceptions")
        .order_by("expected_on", "pk")
    )


def strategy_requests(user, strategy) -> list:
    """Every request for approval of this strategy this person may read (not those of confidential plans
    withheld), newest first, withdrawn ones too: read with its approvals' states (members.approvals)."""
    return permissions.readable_among(user, approvals.of_strategy(strategy))


def strategy_forward_plan_entries(user, strategy) -> list:
    """The strategy's key decisions of its cycle on the forward plan that this person may read
    (forward_plan_entries, for one strategy: filtered as read, so who may read exempt records is only
    worked out if one is confidential)."""
    entries = (
        ForwardPlanEntry.objects.filter(strategy=strategy, cycle=strategy.cycle)
        .exclude(strategy__stage=Stage.ARCHIVED)
        .select_related("strategy__directorate", "plan")
        .prefetch_related("exceptions")
        .order_by("expected_on", "pk")
    )
    return permissions.readable_among(user, entries)


def with_scrutiny(strategies):
    """`strategies` (a queryset) with each one's referral (and board) and how many scrutiny comments it has,
    in the same query: the strategy page reads its strategy so (strategies.selectors.read_with_overview)."""
    comments = (
        ScrutinyComment.objects.filter(strategy=OuterRef("pk"))
        .order_by()
        .values("strategy")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return strategies.select_related("referral__board").annotate(
        _n_scrutiny_comments=Coalesce(Subquery(comments), 0)
    )


def scrutiny_of(strategy) -> tuple:
    """The strategy's referral to a scrutiny board (with its board; None if not referred) and how many
    scrutiny comments it has (the strategy page's panel): as read with the strategy (with_scrutiny), else in
    one query."""
    found = strategy
    if not hasattr(strategy, "_n_scrutiny_comments"):
        found = with_scrutiny(Strategy.objects.all()).get(pk=strategy.pk)
    return getattr(found, "referral", None), found._n_scrutiny_comments
