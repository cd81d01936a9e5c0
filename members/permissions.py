"""Councillors' rights: the one place they are decided, each answering *allowed, and why not*.

Approving belongs to the strategy's portfolio holders (object permission `strategies.approve_strategy`,
given to the councillor) and scrutinising to the members of the board it is referred to (object
permission `strategies.scrutinise_strategy`, given to the board's group, so it follows membership).
Nobody holds either model-wide; django-fsm-2's `permission=` would fall back to a model-wide has_perm,
so every right here is checked against the one strategy. Administrators manage boards and assignments
but do not approve or scrutinise: those are members' decisions.
"""

from django.utils import timezone

import plans.permissions
import strategies.permissions
from commissioning import formatting
from commissioning.permissions import ALLOW, Decision, deny, signed_in, withhold
from strategies.models import Stage, StrategyGroupObjectPermission, StrategyUserObjectPermission

from . import callin
from .models import (
    ApprovalRequest,
    AssignmentRequest,
    Board,
    CouncillorProfile,
    PortfolioHolder,
    Referral,
    Subject,
)

APPROVE = "approve_strategy"
SCRUTINISE = "scrutinise_strategy"
# Members' object rights on strategies, read together: the gateway panel's right is read here too.
MEMBER_RIGHTS = (APPROVE, SCRUTINISE, "review_strategy")


def _load(user, strategy_ids) -> None:
    """Read this user's councillor rights on these strategies: their own and their boards' (two queries).
    Read from guardian's direct tables rather than through its checker, because the checker grants a
    superuser everything, and approving is for the portfolio holders alone."""
    cache = user.__dict__.setdefault("_members_rights", {})
    wanted = [pk for pk in strategy_ids if pk not in cache]
    if not wanted:
        return
    for pk in wanted:
        cache[pk] = set()
    codenames = MEMBER_RIGHTS
    rows = list(
        StrategyUserObjectPermission.objects.filter(
            user=user, content_object_id__in=wanted, permission__codename__in=codenames
        ).values_list("content_object_id", "permission__codename")
    ) + list(
        StrategyGroupObjectPermission.objects.filter(
            group__user=user, content_object_id__in=wanted, permission__codename__in=codenames
        ).values_list("content_object_id", "permission__codename")
    )
    for pk, codename in rows:
        cache[pk].add(codename)


def prefetch(user, strategies) -> None:
    """Load this user's rights on these strategies in one go (for lists)."""
    if user.is_authenticated:
        _load(user, [s.pk for s in strategies])


def holds(user, codename: str, strategy) -> bool:
    if not signed_in(user):
        return False
    _load(user, [strategy.pk])
    return codename in user._members_rights[strategy.pk]


def forget(user) -> None:
    """Drop the cached rights (after they change within one request or test)."""
    user.__dict__.pop("_members_rights", None)
    user.__dict__.pop("_members_boards", None)
    user.__dict__.pop("_members_on_scrutiny", None)
    strategies.permissions.forget(user)  # who may edit which strategy: the officers concerned


# Reading -------------------------------------------------------------------------------------------------


def can_view(user, obj=None) -> Decision:
    """Approvals, decisions, boards and scrutiny are public business: every signed-in person may read them."""
    return signed_in(user)


def can_view_request(user, request) -> Decision:
    """An approval request (its snapshot, its decision record) is public business, unless it is of a
    confidential plan: then it is exempt information like the plan itself (plans.permissions.can_view)."""
    if request.plan_id is not None:
        return plans.permissions.can_view(user, request.plan)
    return can_view(user)


def readable_requests(user, requests, via: str = ""):
    """Approval requests (or, with via="request__", decision records) without those of confidential plans
    this user may not read."""
    return plans.permissions.readable(user, requests, via=f"{via}plan__")


def readable_among(user, records) -> list:
    """These approval requests or forward-plan entries (already read, with their plans) without those of
    confidential plans this user may not read, as readable_requests() leaves out: who may read exempt
    records is only worked out if one is confidential."""
    return strategies.permissions.readable_among(
        user,
        records,
        confidential=lambda r: r.plan_id is not None and r.plan.confidential,
        strategy_id=lambda r: r.plan.strategy_id,
    )


# Administration -------------------------------------------------------------------------------------------


def can_manage(user, obj=None) -> Decision:
    """Boards, councillors' profiles, portfolio holders and referrals."""
    if signed_in(user) and user.is_administrator:
        return ALLOW
    return deny("Only administrators can manage boards and councillors' rights.")


def can_ask_for_assignment(user, strategy, what: str) -> Decision:
    """Ask an administrator to assign a portfolio holder or a scrutiny board: the strategy's commissioners,
    while it has none (otherwise the ask could only fail)."""
    decision = strategies.permissions.can_edit(user, strategy)
    if not decision:
        return deny(decision.reason.replace("change it", "ask for that"))
    if what == AssignmentRequest.What.PORTFOLIO_HOLDER:
        if PortfolioHolder.objects.filter(strategy=strategy).exists():
            return deny(f"{strategy.reference} already has a portfolio holder.")
    elif what == AssignmentRequest.What.SCRUTINY_BOARD:
        if Referral.objects.filter(strategy=strategy).exists():
            return deny(f"{strategy.reference} is already referred to a scrutiny board.")
    else:
        return deny("Ask for a portfolio holder or a scrutiny board.")
    return ALLOW


# Approval -------------------------------------------------------------------------------------------------


def can_request(user, strategy, *, subject, plan=None) -> Decision:
    decision = strategies.permissions.can_edit(user, strategy)
    if not decision:
        return deny(decision.reason.replace("change it", "ask councillors to approve it"))
    if subject == Subject.OUTCOMES and strategy.stage not in (Stage.ANALYSE, Stage.PLAN):
        return deny("The outcomes are approved while the strategy is in Analyse or Plan.")
    if subject == Subject.PLAN:
        if plan is None or plan.strategy_id != strategy.pk:
            return deny("Choose a plan of this strategy.")
        if plan.cycle != strategy.cycle:
            return deny("This plan belongs to an earlier commissioning cycle.")
        if strategy.stage != Stage.PLAN:
            return deny("Plans are approved while the strategy is in Plan.")
    return ALLOW


def can_decide(user, request: ApprovalRequest) -> Decision:
    decision = signed_in(user)
    if not decision:
        return decision
    if not any(a.pk == user.pk for a in request.approvers.all()):
        return deny("You are not one of the approvers named on this request.")
    if not holds(user, APPROVE, request.strategy):
        return deny(
            f"You do not hold the right to approve {request.strategy.reference}: it is given to the "
            "strategy's portfolio holders by an administrator."
        )
    if not request.is_open:
        return deny(f"This request is closed ({request.get_status_display().lower()}).")
    if any(d.approver_id == user.pk for d in request.decisions.all()):
        return deny("You have already decided on this request. A decision cannot be changed.")
    too_soon = callin.key_decision_refusal(request)
    if too_soon:
        return deny(too_soon)
    return may_decide(user, request)


def may_decide(user, matter) -> Decision:
    """The bar of a disclosable pecuniary interest (Localism Act 2011, s.31): a member who declared one on
    this matter, or whose register records one touching its strategy, may not decide or vote on it unless a
    dispensation in force covers it. `matter` is anything with a `strategy` whose declarations are
    members.models.Declaration rows (an approval request, an agenda item); meetings asks this before a vote."""
    decision = signed_in(user)
    if not decision:
        return decision
    from . import interests

    reason = interests.reason_for(user, matter)
    return deny(reason) if reason else ALLOW


def can_withdraw(user, request: ApprovalRequest) -> Decision:
    decision = strategies.permissions.can_edit(user, request.strategy)
    if not decision:
        return deny(decision.reason.replace("change it", "withdraw its requests"))
    if not request.is_open:
        return deny("Only an open request can be withdrawn.")
    return ALLOW


def may_approve(user, strategy) -> Decision:
    if holds(user, APPROVE, strategy):
        return ALLOW
    return deny(f"Only {strategy.reference}'s portfolio holders can approve it.")


# Scrutiny -------------------------------------------------------------------------------------------------


def can_scrutinise(user, strategy) -> Decision:
    """Make formal recommendations: members of the board the strategy is referred to."""
    if strategy.stage == Stage.ARCHIVED:
        return deny("This strategy is archived, so its scrutiny is closed.")
    if holds(user, SCRUTINISE, strategy):
        return ALLOW
    return deny(
        f"Only members of the scrutiny board {strategy.reference} is referred to can make recommendations "
        "about it."
    )


def can_comment(user, strategy) -> Decision:
    """Comment and reply: the scrutiny board, the portfolio holders, and the strategy's commissioners
    (who answer scrutiny's questions)."""
    if strategy.stage == Stage.ARCHIVED:
        return deny("This strategy is archived, so its scrutiny is closed.")
    if (
        holds(user, SCRUTINISE, strategy)
        or holds(user, APPROVE, strategy)
        or strategies.permissions.can_edit(user, strategy)
    ):
        return ALLOW
    return deny(
        f"Only {strategy.reference}'s scrutiny board, portfolio holders and commissioners can comment on it."
    )


def can_respond(user, recommendation) -> Decision:
    """The Executive responds: the strategy's portfolio holders, or an administrator recording it."""
    if not (holds(user, APPROVE, recommendation.strategy) or (signed_in(user) and user.is_administrator)):
        return deny(
            "Only the strategy's portfolio holders (or an administrator recording the Executive's "
            "response) can respond to a recommendation."
        )
    return ALLOW


# Exempt information ---------------------------------------------------------------------------------------


def boards_concerned(user_id) -> tuple:
    """The strategies whose exempt records this user reads as a member of a board concerned with them: as
    one of their portfolio holders (the Executive's decision) or a member of the scrutiny board they are
    referred to. The gateway panel's right on every strategy is not one of these: it challenges, and reads
    exempt papers when they are on its own agenda (meetings). Registered with
    strategies.permissions.add_exempt_readers (as queries of strategy ids, read there in one union); asked
    through strategies.permissions.can_read_exempt."""
    return strategies.permissions.holding(user_id, APPROVE, SCRUTINISE)


# Boards ---------------------------------------------------------------------------------------------------


def on_board(user, board) -> bool:
    """Whether the user sits on this board (their boards read once per request; forget() drops them)."""
    cache = user.__dict__.setdefault("_members_boards", None)
    if cache is None:
        cache = set(user.board_memberships.values_list("board_id", flat=True))
        user.__dict__["_members_boards"] = cache
    return board.pk in cache


# Registers of interests -----------------------------------------------------------------------------------


def is_member(person) -> bool:
    """Whether this person keeps a register of interests: a councillor, a scrutiny member, or anyone with a
    councillor's profile (a co-opted member)."""
    from commissioning import roles

    if person is None or not person.pk:
        return False
    cache = person.__dict__.get("_members_is_member")
    if cache is None:
        cache = (
            person.groups.filter(name__in=[roles.COUNCILLOR, roles.SCRUTINY_MEMBER]).exists()
            or CouncillorProfile.objects.filter(user=person).exists()
        )
        person.__dict__["_members_is_member"] = cache
    return cache


def can_view_register(user, member) -> Decision:
    """A register of interests is published: everyone signed in reads it (the public, what may be published,
    on the published page). Someone who keeps no register has none to read."""
    decision = signed_in(user)
    if not decision:
        return decision
    if not is_member(member):
        return withhold("Only councillors and co-opted members keep a register of interests.")
    return ALLOW


def can_see_withheld(user, member) -> Decision:
    """The details of a sensitive interest (Localism Act 2011, s.32), the history and ended entries: the member
    and democratic services (administrators) only."""
    if signed_in(user) and (user.pk == member.pk or user.is_administrator):
        return ALLOW
    return deny(
        "Only the member and democratic services see the details withheld from the published register."
    )


def can_edit_register(user, member) -> Decision:
    """The member keeps their own register; democratic services (administrators) may update it for them."""
    decision = can_view_register(user, member)
    if not decision:
        return decision
    if user.pk == member.pk or user.is_administrator:
        return ALLOW
    return deny(f"Only {member} and democratic services can change {member}'s register of interests.")


def can_record_dispensation(user, obj=None) -> Decision:
    """Dispensations are granted by the standards committee or the monitoring officer; democratic services
    (administrators) record them."""
    if signed_in(user) and user.is_administrator:
        return ALLOW
    return deny("Only democratic services (administrators) record dispensations.")


# Key decisions and call-in --------------------------------------------------------------------------------


def scrutiny_board_for(strategy):
    """The scrutiny board concerned with a strategy's decisions: the one it is referred to, else the
    Overview and Scrutiny Management Board."""
    referral = Referral.objects.filter(strategy_id=strategy.pk).select_related("board").first()
    if referral is not None:
        return referral.board
    return Board.objects.filter(kind=Board.Kind.SCRUTINY_MANAGEMENT).order_by("pk").first()


def scrutiny_chair(strategy):
    """The chair of that board (the "chair of scrutiny" of regs. 10 and 11), or None."""
    board = scrutiny_board_for(strategy)
    if board is None:
        return None
    chair = board.memberships.filter(role="chair").select_related("member").first()
    return chair.member if chair else None


def can_publish_forward_plan(user, strategy) -> Decision:
    """Put a strategy's key decision on the forward plan: its commissioners, or democratic services."""
    if signed_in(user) and user.is_administrator:
        return ALLOW
    decision = strategies.permissions.can_edit(user, strategy)
    if not decision:
        return deny(decision.reason.replace("change it", "put its decisions on the forward plan"))
    return ALLOW


def can_record_exception(user, entry=None) -> Decision:
    """A general exception or special urgency is recorded by democratic services (the proper officer)."""
    if signed_in(user) and user.is_administrator:
        return ALLOW
    return deny("Only democratic services (administrators) record a general exception or special urgency.")


def can_view_notice(user, notice) -> Decision:
    """A decision notice is read as its decision record is (a confidential plan's is exempt information)."""
    return can_view_request(user, notice.record.request)


def sits_on_scrutiny(user) -> bool:
    if not signed_in(user):
        return False
    cache = user.__dict__.get("_members_on_scrutiny")
    if cache is None:
        cache = user.board_memberships.filter(board__kind__in=Board.SCRUTINY_KINDS).exists()
        user.__dict__["_members_on_scrutiny"] = cache
    return cache


def can_call_in(user, notice) -> Decision:
    """A member of a scrutiny board, within the call-in period, once, while scrutiny has not concluded."""
    seen = can_view_notice(user, notice)
    if not seen:
        return seen
    if not sits_on_scrutiny(user):
        return deny("Only members of a scrutiny board can call in a decision.")
    if any(c.member_id == user.pk for c in notice.call_ins.all()):
        return deny("You have already called in this decision.")
    if notice.outcomes.all():
        return deny("Scrutiny has already considered the call-in of this decision.")
    if timezone.localdate() > notice.call_in_ends:
        return deny(
            f"The call-in period ended on {formatting.long_date(notice.call_in_ends)}: the decision is in "
            "effect."
        )
    return ALLOW  # after the call-in, more members may add their reasons until scrutiny considers it


def can_record_outcome(user, notice) -> Decision:
    """Scrutiny's conclusion is recorded by the chair or vice-chair of the board concerned, or by democratic
    services (administrators)."""
    seen = can_view_notice(user, notice)
    if not seen:
        return seen
    strategy = notice.record.strategy
    board = scrutiny_board_for(strategy)
    chairs = (
        board is not None
        and signed_in(user)
        and board.memberships.filter(member=user, role__in=("chair", "vice_chair")).exists()
    )
    if not (chairs or (signed_in(user) and user.is_administrator)):
        return deny(
            "Only the chair or vice-chair of the scrutiny board, or democratic services, can record scrutiny's "
            "conclusion on a call-in."
        )
    found = callin.standing(notice)
    if found.label == callin.REFERRED_TO_COUNCIL:
        return ALLOW  # council's view, recorded as a further outcome
    if found.outcome is not None:
        return deny(f"Scrutiny's conclusion is already recorded: {found.outcome.get_outcome_display()}.")
    if not found.called_in:
        return deny(
            f"The decision has not been called in by the {notice.members_needed} scrutiny members needed."
        )
    return ALLOW
