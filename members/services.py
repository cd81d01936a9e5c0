"""Writes for boards, councillors' rights, approvals and scrutiny: one function per action, atomic,
audited (django-simple-history, with the acting user), with the acting user passed in."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from guardian.shortcuts import remove_perm

from commissioning import formatting, roles
from commissioning.dates import check_dates
from commissioning.history import audited
from commissioning.notifications import notify
from commissioning.permissions import grant, require
from commissioning.versioning import save_if_current
from strategies.models import Strategy

from . import approvals, callin, interests, permissions, records, rules, snapshots
from .models import (
    ApprovalDecision,
    ApprovalRequest,
    AssignmentRequest,
    Board,
    BoardMembership,
    CallIn,
    CallInOutcome,
    CouncillorProfile,
    DecisionNotice,
    Declaration,
    Dispensation,
    ForwardPlanEntry,
    Interest,
    InterestCategory,
    KeyDecisionException,
    PortfolioHolder,
    Recommendation,
    Referral,
    ScrutinyComment,
    Subject,
)

Status = ApprovalRequest.Status


def commissioners_of(strategy) -> list:
    return [strategy.accountable_commissioner, *strategy.commissioners.all()]


# Boards and councillors ------------------------------------------------------------------------------------


@transaction.atomic
def save_board(*, acting_user, board=None, name: str, remit: str, kind: str | None = None) -> Board:
    require(permissions.can_manage(acting_user))
    if board is None:
        board = Board(kind=kind, group=Group.objects.create(name=Board.group_name(name)))
    else:
        board = Board.objects.select_for_update().get(pk=board.pk)
        if board.name != name:
            Group.objects.filter(pk=board.group_id).update(name=Board.group_name(name))
    board.name, board.remit = name, remit
    audited(board, acting_user).save()
    return board


@transaction.atomic
def save_profile(
    *, user, ward: str, party: str, portfolio: str, co_opted: bool = False, acting_user
) -> CouncillorProfile:
    require(permissions.can_manage(acting_user))
    profile = CouncillorProfile.objects.select_for_update().filter(user=user).first() or CouncillorProfile(
        user=user
    )
    profile.ward, profile.party, profile.portfolio, profile.co_opted = ward, party, portfolio, co_opted
    audited(profile, acting_user).save()
    return profile


def _check_role_free(board, role, member=None):
    if role == BoardMembership.Role.MEMBER:
        return
    holder = board.memberships.filter(role=role).exclude(member=member).select_related("member").first()
    if holder:
        raise ValidationError(
            f"{holder.member} is already the {holder.get_role_display().lower()} of {board}: "
            "change their role first."
        )


@transaction.atomic
def add_member(*, board, member, role: str, acting_user) -> BoardMembership:
    require(permissions.can_manage(acting_user))
    board = Board.objects.select_for_update().get(pk=board.pk)  # one change to a board's members at a time
    if board.memberships.filter(member=member).exists():
        raise ValidationError(f"{member} is already a member of {board}.")
    _check_role_free(board, role)
    membership = audited(BoardMembership(board=board, member=member, role=role), acting_user)
    membership.save()
    board.group.user_set.add(member)
    return membership


@transaction.atomic
def change_role(*, membership, role: str, acting_user) -> BoardMembership:
    require(permissions.can_manage(acting_user))
    board = Board.objects.select_for_update().get(pk=membership.board_id)
    membership = BoardMembership.objects.select_related("member").get(pk=membership.pk)
    _check_role_free(board, role, membership.member)
    membership.role = role
    audited(membership, acting_user).save()
    return membership


@transaction.atomic
def remove_member(*, membership, acting_user) -> list[str]:
    """Take someone off a board. Their rights through it go with them: a scrutiny board's through its
    group; the Executive's approval rights by ending their portfolio assignments (unless they sit on
    another Executive board). Returns the references of the strategies they no longer hold."""
    require(permissions.can_manage(acting_user))
    board = Board.objects.select_for_update().get(pk=membership.board_id)
    membership = BoardMembership.objects.select_related("member").get(pk=membership.pk)
    member = membership.member
    audited(membership, acting_user, f"Left {board}").delete()
    board.group.user_set.remove(member)
    released = []
    still_executive = BoardMembership.objects.filter(member=member, board__kind=Board.Kind.EXECUTIVE).exists()
    if board.kind == Board.Kind.EXECUTIVE and not still_executive:
        for holding in PortfolioHolder.objects.filter(councillor=member).select_related("strategy"):
            remove_perm(permissions.APPROVE, member, holding.strategy)
            released.append(holding.strategy.reference)
            audited(holding, acting_user, f"Left {board}").delete()
    permissions.forget(member)
    return released


def executive_members():
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, board_memberships__board__kind=Board.Kind.EXECUTIVE)
        .distinct()
        .order_by("last_name", "first_name")
    )


@transaction.atomic
def assign_councillors(*, strategy, portfolio_holders, board, acting_user) -> None:
    """Who holds this strategy (and may approve it) and which scrutiny board it is referred to; the requests
    to assign one that this meets are closed, and the people who asked told."""
    require(permissions.can_manage(acting_user))
    _assign(strategy, portfolio_holders, board, acting_user)
    _close_met_requests(strategy, acting_user)


def _assign(strategy, portfolio_holders, board, acting_user) -> None:
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    wanted = set(portfolio_holders)
    eligible = set(executive_members())
    if wanted - eligible:
        names = get_text_list(sorted(str(p) for p in wanted - eligible), "and")
        raise ValidationError(f"Only members of the Executive can hold a strategy: {names} is not.")
    if board is not None and not board.is_scrutiny:
        raise ValidationError("Refer the strategy to a scrutiny board or committee.")
    held = {h.councillor: h for h in strategy.portfolio_holders.select_related("councillor")}
    added = wanted - set(held)
    for councillor in added:
        audited(PortfolioHolder(strategy=strategy, councillor=councillor), acting_user).save()
    grant(permissions.APPROVE, added, strategy)
    for councillor in set(held) - wanted:
        audited(held[councillor], acting_user).delete()
        remove_perm(permissions.APPROVE, councillor, strategy)

    referral = Referral.objects.filter(strategy=strategy).select_related("board__group").first()
    old_board = referral.board if referral else None
    if old_board == board:
        return
    if old_board is not None:
        remove_perm(permissions.SCRUTINISE, old_board.group, strategy)
    if board is None:
        audited(referral, acting_user, "Referral ended").delete()
        return
    referral = referral or Referral(strategy=strategy)
    referral.board = board
    audited(referral, acting_user).save()
    grant(permissions.SCRUTINISE, [board.group], strategy)
    notify(
        f"referred:{strategy.pk}:{referral.history.latest().history_id}",
        board.group.user_set.all(),
        f"{strategy.reference} has been referred to {board}",
        [
            f"{strategy} has been referred to {board} for scrutiny. It is in "
            f"{strategy.get_stage_display()}; its proposed outcomes are on the scrutiny page.",
        ],
        reverse("members:scrutiny", args=[strategy.pk]),
        acting_user,
    )


# Asking an administrator to assign someone --------------------------------------------------------------------


def administrators():
    User = get_user_model()
    return User.objects.filter(
        Q(groups__name=roles.ADMINISTRATOR) | Q(is_superuser=True), is_active=True
    ).distinct()


@transaction.atomic
def ask_for_assignment(*, strategy, what: str, note: str = "", acting_user) -> AssignmentRequest:
    """Ask the administrators to assign a portfolio holder or a scrutiny board the strategy lacks. Asking
    again while a request is open answers the open one (one per strategy and kind)."""
    require(permissions.can_ask_for_assignment(acting_user, strategy, what))
    found = AssignmentRequest.objects.open().filter(strategy=strategy, what=what).first()
    if found is not None:
        return found
    request = audited(
        AssignmentRequest(strategy=strategy, what=what, note=note.strip(), requested_by=acting_user),
        acting_user,
    )
    request.save()
    notify(
        f"assignment-asked:{request.pk}",
        administrators(),
        f"Please assign {request.get_what_display()} to {strategy.reference}",
        [
            f"{acting_user} asks an administrator to assign {request.get_what_display()} to {strategy}: "
            "until then nobody can "
            + ("approve it." if what == AssignmentRequest.What.PORTFOLIO_HOLDER else "scrutinise it."),
            *([f"Their note: {request.note}"] if request.note else []),
        ],
        reverse("members:assign", args=[strategy.pk]),
        acting_user,
        kind="assignment",
    )
    return request


def _close(request, outcome: str, acting_user) -> None:
    request.closed_at = timezone.now()
    request.closed_by = acting_user
    request.outcome = outcome[:300]
    audited(request, acting_user, "Closed").save()
    notify(
        f"assignment-closed:{request.pk}",
        [request.requested_by],
        f"Your request to assign {request.get_what_display()} to {request.strategy.reference} is closed",
        [outcome],
        reverse("members:strategy-approvals", args=[request.strategy_id]),
        acting_user,
        kind="assignment",
    )


def _close_met_requests(strategy, acting_user) -> None:
    met = {
        AssignmentRequest.What.PORTFOLIO_HOLDER: PortfolioHolder.objects.filter(strategy=strategy).exists(),
        AssignmentRequest.What.SCRUTINY_BOARD: Referral.objects.filter(strategy=strategy).exists(),
    }
    for request in AssignmentRequest.objects.open().filter(strategy=strategy).select_related("strategy"):
        if met[request.what]:
            assigned = (
                ", ".join(str(h.councillor) for h in strategy.portfolio_holders.select_related("councillor"))
                if request.what == AssignmentRequest.What.PORTFOLIO_HOLDER
                else str(Referral.objects.select_related("board").get(strategy=strategy).board)
            )
            _close(request, f"{acting_user} assigned {assigned} to {strategy.reference}.", acting_user)


@transaction.atomic
def close_assignment_request(*, request_id: int, outcome: str, acting_user) -> AssignmentRequest:
    """An administrator closes a request without assigning anyone, saying why (the asker is told)."""
    require(permissions.can_manage(acting_user))
    if not outcome.strip():
        raise ValidationError({"outcome": "Say why the request is closed without an assignment"})
    request = AssignmentRequest.objects.select_for_update().select_related("strategy").get(pk=request_id)
    if request.closed_at is None:
        _close(request, outcome.strip(), acting_user)
    return request


# Approval -------------------------------------------------------------------------------------------------


def request_approval(
    *,
    strategy,
    subject,
    plan=None,
    approvers,
    rule,
    note="",
    decision_due=None,
    key_decision=False,
    acting_user,
) -> ApprovalRequest:
    with transaction.atomic():
        strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)  # one request at a time
        require(permissions.can_request(acting_user, strategy, subject=subject, plan=plan))
        check_dates({"decision_due": decision_due}, ApprovalRequest)
        approvers = list(approvers)
        if not approvers:
            raise ValidationError("Choose at least one approver.")
        not_holding = [str(a) for a in approvers if not permissions.holds(a, permissions.APPROVE, strategy)]
        if not_holding:
            raise ValidationError(
                f"{get_text_list(not_holding, 'and')} cannot approve {strategy.reference}: only its "
                "portfolio holders can."
            )
        found = approvals.state(strategy, subject, plan)
        if found.latest and found.latest.is_open:
            raise ValidationError(
                "A request for this approval is already open. Wait for the decisions, or withdraw it first."
            )
        if found.current:
            raise ValidationError(
                "Councillors have already approved this version: nothing has changed since."
            )
        snapshot = snapshots.take(subject, strategy, plan)
        request = audited(
            ApprovalRequest(
                strategy=strategy,
                plan=plan if subject == Subject.PLAN else None,
                cycle=strategy.cycle,
                subject=subject,
                rule=rule,
                note=note.strip(),
                decision_due=decision_due,
                key_decision=key_decision,
                requested_by=acting_user,
                snapshot=snapshot,
                content_hash=snapshots.digest(snapshot),
            ),
            acting_user,
        )
        request.save()
        request.approvers.set(approvers)
        notify(
            f"requested:{request.pk}",
            approvers,
            f"Your approval is asked for: {strategy.reference}",
            [
                f"{acting_user} asks you to approve {request.what} ({rules.describe(rule, len(approvers))}).",
                *([f"Note: {request.note}"] if request.note else []),
                *([f"A decision is needed by {formatting.long_date(decision_due)}."] if decision_due else []),
            ],
            request.get_absolute_url(),
            acting_user,
            kind="approval",
        )
    return request


def able_to_decide(request, approvers, decisions) -> tuple[list, dict]:
    """The approvers who count under the request's rule: those who decided, and those not barred from
    deciding by a disclosable pecuniary interest (members.interests.bars); and the barred, with why."""
    decided = {d.approver_id for d in decisions}
    barred = interests.bars(request, [a for a in approvers if a.pk not in decided])
    return [a for a in approvers if a.pk not in barred], barred


def _settle(request, acting_user) -> str:
    """Settle an open request once its rule is met among the approvers able to decide (or can no longer be);
    a request nobody named can decide stays open (its page says who must be asked instead)."""
    decisions = list(request.decisions.select_related("approver"))
    approvers = list(request.approvers.all())
    able, barred = able_to_decide(request, approvers, decisions)
    if not able:
        return Status.OPEN
    status = rules.tally(request.rule, len(able), [d.kind for d in decisions])
    if status != Status.OPEN:
        strategy = request.strategy
        request.status = status
        request.closed_at = timezone.now()
        audited(request, acting_user, f"Settled: {request.get_status_display()}").save()
        record = records.write(request, decisions, barred=barred)
        _publish_notice(record, approvers, acting_user)
        notify(
            f"settled:{request.pk}",
            [request.requested_by, *commissioners_of(strategy), *approvers],
            f"{strategy.reference}: {request.get_status_display().lower()}",
            [record.title + ".", record.summary.split("\n\n")[0]],
            record.get_absolute_url(),
            kind="approval",
        )
    return status


def _locked_request(request_id):
    return (
        ApprovalRequest.objects.select_for_update(of=("self",))
        .select_related("strategy__directorate", "strategy__accountable_commissioner", "plan", "requested_by")
        .get(pk=request_id)
    )


def decide(
    *,
    request_id,
    seen_content_hash: str,
    kind,
    reasons,
    conflict_declared=False,
    conflict_details="",
    conflict_kind=Declaration.Kind.OTHER,
    interest_id=None,
    confirmed_none=False,
    acting_user,
) -> ApprovalDecision:
    """Record one approver's decision on the version they were shown (`seen_content_hash`: refused if the
    request is no longer of that version); settle the request when its rule is met (or can no longer be)
    and write the decision record.

    An interest declared with it is recorded first, and kept even when the decision is then refused: a
    disclosable pecuniary interest bars the decision (PermissionDenied, with the reason) unless a
    dispensation covers it. When the member's register flags interests touching the strategy, they declare
    one or confirm (`confirmed_none`) that none concerns it, which is recorded too."""
    if conflict_declared:
        declare_interest(
            matter=ApprovalRequest.objects.get(pk=request_id),
            member=acting_user,
            kind=conflict_kind,
            details=conflict_details,
            interest_id=interest_id,
            acting_user=acting_user,
        )
    with transaction.atomic():
        request = _locked_request(request_id)
        require(permissions.can_decide(acting_user, request))
        if (
            seen_content_hash != request.content_hash
        ):  # checked under the lock: no decision on another version
            raise ValidationError("This request has changed since the page was loaded: reload it.")
        flagged = interests.conflicts(acting_user, request.strategy)
        if flagged and not conflict_declared:
            if not confirmed_none:
                raise ValidationError(
                    {
                        "confirmed_none": "Your register of interests records interests that may touch this "
                        "strategy: declare the interest, or confirm that none of them concerns this decision"
                    }
                )
            _declare(
                request,
                acting_user,
                Declaration.Kind.NONE,
                "Confirmed that none of these concerns the decision: "
                + "; ".join(
                    interests.SENSITIVE if c.interest.sensitive else f"{c.interest} ({c.why})"
                    for c in flagged
                ),
                None,
                acting_user,
            )
        decision = ApprovalDecision.objects.create(
            request=request,
            approver=acting_user,
            kind=kind,
            reasons=reasons.strip(),
            conflict_declared=conflict_declared,
            conflict_details=conflict_details.strip() if conflict_declared else "",
            content_hash=request.content_hash,
        )
        strategy = request.strategy
        notify(
            f"decided:{decision.pk}",
            [request.requested_by, *commissioners_of(strategy)],
            f"{acting_user}: {decision.get_kind_display().lower()} ({strategy.reference})",
            [
                f"{acting_user} decided '{decision.get_kind_display()}' on {request.what}.",
                f"Reasons: {decision.reasons}",
            ],
            request.get_absolute_url(),
            acting_user,
            kind="approval",
        )
        _settle(request, acting_user)
    return decision


def withdraw_request(*, request_id, reason: str, acting_user) -> ApprovalRequest:
    with transaction.atomic():
        request = (
            ApprovalRequest.objects.select_for_update(of=("self",))
            .select_related("strategy")
            .get(pk=request_id)
        )
        require(permissions.can_withdraw(acting_user, request))
        if not reason.strip():
            raise ValidationError("Say why the request is withdrawn.")
        request.status = Status.WITHDRAWN
        request.closed_at = timezone.now()
        audited(request, acting_user, f"Withdrawn: {reason.strip()}").save()
        notify(
            f"withdrawn:{request.pk}",
            request.approvers.all(),
            f"Request withdrawn: {request.strategy.reference}",
            [f"{acting_user} withdrew the request to approve {request.what}.", f"Reason: {reason.strip()}"],
            request.get_absolute_url(),
            acting_user,
            kind="approval",
        )
    return request


# Scrutiny -------------------------------------------------------------------------------------------------


@transaction.atomic
def add_comment(*, strategy, body: str, parent=None, acting_user) -> ScrutinyComment:
    require(permissions.can_comment(acting_user, strategy))
    if parent is not None and parent.strategy_id != strategy.pk:
        raise ValidationError("Reply to a comment on this strategy.")
    comment = audited(
        ScrutinyComment(strategy=strategy, parent=parent, author=acting_user, body=body.strip()), acting_user
    )
    comment.save()
    # The commissioners answer scrutiny's comments; a reply tells the comment's author too.
    told = [strategy.accountable_commissioner, *strategy.commissioners.all()]
    if parent is not None:
        told.append(parent.author)
    notify(
        f"comment:{comment.pk}",
        told,
        f"{'A reply' if parent else 'A comment'} on {strategy.reference} from {acting_user}",
        [comment.body],
        f"{reverse('members:scrutiny', args=[strategy.pk])}#comment-{comment.pk}",
        acting_user,
        kind="comment",
    )
    return comment


@transaction.atomic
def make_recommendation(
    *, strategy, text: str, reasons: str, response_due=None, acting_user
) -> Recommendation:
    require(permissions.can_scrutinise(acting_user, strategy))
    check_dates({"response_due": response_due}, Recommendation)
    referral = Referral.objects.select_related("board").filter(strategy=strategy).first()
    if referral is None:  # the right comes from a referral, so this only happens mid-change
        raise ValidationError("This strategy is not referred to a scrutiny board.")
    recommendation = Recommendation(
        strategy=strategy,
        board=referral.board,
        made_by=acting_user,
        text=text.strip(),
        reasons=reasons.strip(),
    )
    if response_due:
        recommendation.response_due = response_due
    audited(recommendation, acting_user).save()
    holders = [h.councillor for h in strategy.portfolio_holders.select_related("councillor")]
    notify(
        f"recommended:{recommendation.pk}",
        [*holders, *commissioners_of(strategy)],
        f"{referral.board} recommends: {strategy.reference}",
        [
            f"{referral.board} made a recommendation to the Executive about {strategy}:",
            recommendation.text,
            f"A response is due by {formatting.long_date(recommendation.response_due)}.",
        ],
        reverse("members:scrutiny", args=[strategy.pk]) + f"#recommendation-{recommendation.pk}",
        acting_user,
        kind="recommendation",
    )
    return recommendation


def respond(*, recommendation, seen_version: int, status: str, response: str, acting_user) -> Recommendation:
    require(permissions.can_respond(acting_user, recommendation))

    def apply(obj):
        obj.status, obj.response = status, response.strip()
        obj.responded_by, obj.responded_at = acting_user, timezone.now()

    with transaction.atomic():
        saved = save_if_current(Recommendation, recommendation.pk, seen_version, apply, acting_user)
        notify(
            f"answered:{saved.pk}:{saved.version}",
            [saved.made_by, *saved.board.group.user_set.all()],
            f"The Executive responded: {saved.strategy.reference}",
            [
                f"{acting_user} responded to {saved.board}'s recommendation on {saved.strategy}: "
                f"{saved.get_status_display()}.",
                saved.response,
            ],
            reverse("members:scrutiny", args=[saved.strategy_id]) + f"#recommendation-{saved.pk}",
            acting_user,
            kind="recommendation",
        )
    return saved


# Interests ------------------------------------------------------------------------------------------------


def _declare(matter, member, kind, details, interest, acting_user) -> Declaration:
    declaration = Declaration(
        member=member,
        matter_type=ContentType.objects.get_for_model(matter),
        matter_id=matter.pk,
        strategy=getattr(matter, "strategy", None),
        kind=kind,
        interest=interest,
        details=details.strip(),
        declared_by=acting_user,
    )
    audited(declaration, acting_user).save()
    return declaration


def declare_interest(
    *, matter, member, kind: str, details: str = "", interest_id=None, acting_user
) -> Declaration:
    """Record an interest `member` declares in `matter` (an approval request; an agenda item, from meetings):
    by the member, or by democratic services for them (at a meeting). A disclosable pecuniary interest then
    bars them from deciding or voting on it (permissions.may_decide) unless a dispensation covers it; an
    open request whose other approvers can now settle it is settled."""
    if not (acting_user.pk == member.pk or permissions.can_manage(acting_user)):
        require(permissions.can_edit_register(acting_user, member))  # the member's reason
    if kind not in (Declaration.Kind.DISCLOSABLE, Declaration.Kind.OTHER):
        raise ValidationError({"conflict_kind": "Choose the kind of interest you are declaring"})
    interest = None
    if interest_id:
        interest = Interest.objects.filter(pk=interest_id, member=member).first()
        if interest is None:
            raise ValidationError({"interest": "Choose one of the member's registered interests"})
    if not details.strip() and interest is None:
        raise ValidationError({"conflict_details": "Describe the interest you are declaring"})
    with transaction.atomic():
        if isinstance(matter, ApprovalRequest):
            matter = _locked_request(matter.pk)
            if not matter.approvers.filter(pk=member.pk).exists():
                raise ValidationError(f"{member} is not one of the approvers named on this request.")
        named = interests.SENSITIVE if interest is not None and interest.sensitive else str(interest)
        declaration = _declare(matter, member, kind, details or named, interest, acting_user)
        if isinstance(matter, ApprovalRequest) and matter.is_open:
            if kind == Declaration.Kind.DISCLOSABLE:
                notify(
                    f"declared:{declaration.pk}",
                    [matter.requested_by, *commissioners_of(matter.strategy)],
                    f"{member} declared an interest: {matter.strategy.reference}",
                    [
                        f"{member} declared a disclosable pecuniary interest in the request to approve "
                        f"{matter.what}, and may not decide on it unless a dispensation covers it.",
                    ],
                    matter.get_absolute_url(),
                    acting_user,
                )
            _settle(matter, acting_user)
    return declaration


def _check_interest(data: dict) -> None:
    errors = {}
    check_dates({"arose_on": data.get("arose_on"), "ended_on": data.get("ended_on")}, Interest)
    if data.get("ended_on") and data.get("arose_on") and data["ended_on"] < data["arose_on"]:
        errors["ended_on"] = "The date it ended must be on or after the date it arose"
    if data.get("category") == InterestCategory.GIFT:
        threshold = settings.INTERESTS_GIFT_THRESHOLD
        if data.get("value") is None:
            errors["value"] = "Enter the value of the gift or hospitality"
        elif data["value"] < threshold:
            errors["value"] = (
                f"Gifts and hospitality under {formatting.quantity(threshold, '£')} are not registered "
                "(the council's code of conduct)"
            )
    if errors:
        raise ValidationError(errors)


INTEREST_FIELDS = (
    "category",
    "held_by",
    "body",
    "description",
    "providers",
    "wards",
    "services",
    "value",
    "arose_on",
    "ended_on",
    "sensitive",
)


def save_interest(*, member, acting_user, interest_id=None, seen_version=None, changes: dict) -> Interest:
    """Add an entry to a member's register of interests, or change one (`interest_id`, at `seen_version`):
    by the member, or by democratic services for them. Its history keeps every version."""
    require(permissions.can_edit_register(acting_user, member))
    data = {name: changes[name] for name in INTEREST_FIELDS if name in changes}
    if "sensitive" in data and not acting_user.is_administrator:
        current = Interest.objects.filter(pk=interest_id).values_list("sensitive", flat=True).first() or False
        if data["sensitive"] != current:
            raise ValidationError(
                {
                    "sensitive": "Democratic services record a sensitive interest, once the monitoring officer agrees"
                }
            )
    for name in ("body", "description", "providers", "wards", "services"):
        if name in data:
            data[name] = (data[name] or "").strip()
    linked = changes.get("strategies")

    def apply(interest):
        for name, value in data.items():
            setattr(interest, name, value)

    with transaction.atomic():
        if interest_id is None:
            _check_interest(data)
            interest = Interest(member=member, **data)
            audited(interest, acting_user).save()
        else:
            current = Interest.objects.filter(pk=interest_id, member=member).first()
            if current is None:
                raise ValidationError("That entry is not in this member's register.")
            _check_interest({**{n: getattr(current, n) for n in INTEREST_FIELDS}, **data})
            interest = save_if_current(Interest, interest_id, seen_version, apply, acting_user)
        if linked is not None:
            interest.strategies.set(linked)
    return interest


def record_dispensation(
    *,
    member,
    purpose: str,
    granted_by: str,
    granted_on,
    valid_from,
    valid_until,
    strategy=None,
    interest=None,
    acting_user,
) -> Dispensation:
    """Record a dispensation the standards committee or the monitoring officer granted (Localism Act 2011,
    s.33): for at most DISPENSATION_MAX_YEARS years (s.33(3))."""
    require(permissions.can_record_dispensation(acting_user))
    check_dates(
        {"granted_on": granted_on, "valid_from": valid_from, "valid_until": valid_until}, Dispensation
    )
    errors = {}
    if not purpose.strip():
        errors["purpose"] = "Say what the dispensation is for"
    if not granted_by.strip():
        errors["granted_by"] = "Say who granted it"
    if valid_until < valid_from:
        errors["valid_until"] = "The last day must be on or after the first"
    elif valid_until > valid_from + relativedelta(years=settings.DISPENSATION_MAX_YEARS) - timedelta(days=1):
        errors["valid_until"] = (
            f"A dispensation has effect for at most {settings.DISPENSATION_MAX_YEARS} years "
            "(Localism Act 2011, s.33(3))"
        )
    if interest is not None and interest.member_id != member.pk:
        errors["interest"] = "Choose one of the member's registered interests"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        dispensation = Dispensation(
            member=member,
            purpose=purpose.strip(),
            granted_by=granted_by.strip(),
            granted_on=granted_on,
            valid_from=valid_from,
            valid_until=valid_until,
            strategy=strategy,
            interest=interest,
            recorded_by=acting_user,
        )
        audited(dispensation, acting_user).save()
        notify(
            f"dispensation:{dispensation.pk}",
            [member],
            "A dispensation is recorded for you",
            [
                f"{acting_user} recorded a dispensation granted by {dispensation.granted_by}: "
                f"{dispensation.purpose}",
                f"It has effect from {formatting.long_date(valid_from)} to {formatting.long_date(valid_until)}.",
            ],
            reverse("members:interests", args=[member.pk]),
            acting_user,
        )
    return dispensation


# Key decisions (SI 2012/2089 regs. 5, 9-11; members.callin) ---------------------------------------------------


EXEMPT_PARAGRAPHS = range(1, 8)  # Local Government Act 1972, Schedule 12A, paragraphs 1-7


@transaction.atomic
def publish_forward_plan_entry(
    *,
    strategy,
    subject,
    plan=None,
    matter: str,
    decision_maker: str,
    expected_on,
    published_on=None,
    in_private: bool = False,
    private_reasons: str = "",
    private_paragraph=None,
    private_notice_on=None,
    acting_user,
) -> ForwardPlanEntry:
    """Put a key decision on the forward plan (reg. 9), with any intention to take it in private (reg. 5)."""
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)  # one entry per matter
    require(permissions.can_publish_forward_plan(acting_user, strategy))
    published_on = published_on or timezone.localdate()
    check_dates(
        {"expected_on": expected_on, "published_on": published_on, "private_notice_on": private_notice_on},
        ForwardPlanEntry,
    )
    if subject == Subject.PLAN and (plan is None or plan.strategy_id != strategy.pk):
        raise ValidationError("Choose a plan of this strategy.")
    plan = plan if subject == Subject.PLAN else None
    errors = {}
    if not matter.strip():
        errors["matter"] = ["Say what is to be decided."]
    if not decision_maker.strip():
        errors["decision_maker"] = ["Say who decides: the Executive, or the portfolio holder."]
    if published_on > timezone.localdate():
        errors["published_on"] = ["An entry is published today or was published earlier, not later."]
    if expected_on and expected_on < published_on:
        errors["expected_on"] = ["The decision is expected after the entry is published."]
    if in_private:
        if not private_reasons.strip():
            errors["private_reasons"] = ["Say why the decision is to be taken in private."]
        if private_paragraph not in EXEMPT_PARAGRAPHS:
            errors["private_paragraph"] = [
                "Give the paragraph of Schedule 12A (1 to 7) the reasons fall under."
            ]
        if private_notice_on is None:
            errors["private_notice_on"] = ["Give the day notice of the private meeting was given."]
    if errors:
        raise ValidationError(errors)
    if ForwardPlanEntry.objects.filter(
        strategy=strategy, cycle=strategy.cycle, subject=subject, plan=plan
    ).exists():
        raise ValidationError("This decision is already on the forward plan.")
    entry = ForwardPlanEntry(
        strategy=strategy,
        cycle=strategy.cycle,
        subject=subject,
        plan=plan,
        matter=matter.strip(),
        decision_maker=decision_maker.strip(),
        expected_on=expected_on,
        published_on=published_on,
        in_private=in_private,
        private_reasons=private_reasons.strip() if in_private else "",
        private_paragraph=private_paragraph if in_private else None,
        private_notice_on=private_notice_on if in_private else None,
        created_by=acting_user,
    )
    audited(entry, acting_user, "Published on the forward plan").save()
    return entry


@transaction.atomic
def record_key_decision_exception(
    *, entry_id, kind: str, chair_told_on, published_on, reasons: str, acting_user
) -> KeyDecisionException:
    """Record a general exception (reg. 10) or special urgency (reg. 11) for a key decision on the forward
    plan; the chair of scrutiny is the chair of the board concerned (members.permissions.scrutiny_chair)."""
    entry = ForwardPlanEntry.objects.select_for_update().select_related("strategy").get(pk=entry_id)
    require(permissions.can_record_exception(acting_user, entry))
    check_dates({"chair_told_on": chair_told_on, "published_on": published_on}, KeyDecisionException)
    chair = permissions.scrutiny_chair(entry.strategy)
    errors = {}
    if kind not in KeyDecisionException.Kind.values:
        errors["kind"] = ["Choose a general exception or special urgency."]
    if not reasons.strip():
        errors["reasons"] = ["Say why the decision cannot wait for the forward plan's notice period."]
    today = timezone.localdate()
    if chair_told_on and chair_told_on > today:
        errors["chair_told_on"] = ["Record this once the chair has been told (or has agreed)."]
    if published_on and published_on > today:
        errors["published_on"] = ["Record this once the notice has been made public."]
    if chair_told_on and published_on and published_on < chair_told_on and kind == "general_exception":
        errors["published_on"] = ["The notice is made public once the chair of scrutiny has been told."]
    if errors:
        raise ValidationError(errors)
    if chair is None:
        raise ValidationError(
            f"{entry.strategy.reference}'s scrutiny board has no chair: appoint one, who must be told (or agree)."
        )
    exception = audited(
        KeyDecisionException(
            entry=entry,
            kind=kind,
            chair=chair,
            chair_told_on=chair_told_on,
            published_on=published_on,
            reasons=reasons.strip(),
            recorded_by=acting_user,
        ),
        acting_user,
    )
    exception.save()
    audited(entry, acting_user, f"{exception.get_kind_display()} recorded").save()
    notify(
        f"key-exception:{exception.pk}",
        [chair],
        f"{exception.get_kind_display().split(' (')[0]}: {entry.strategy.reference}",
        [
            f"As chair of scrutiny, you are given notice that this key decision will be taken before its "
            f"forward-plan notice has run: {entry.matter}",
            f"Reasons: {exception.reasons}",
        ],
        entry.get_absolute_url(),
        acting_user,
    )
    return exception


# Decision notices and call-in (regs. 12-13) -----------------------------------------------------------------


def _publish_notice(record, decision_makers, acting_user) -> DecisionNotice:
    """Publish the record of an executive decision with its call-in period (in decide's transaction), and
    tell the scrutiny board concerned."""
    published = timezone.now()
    notice = audited(
        DecisionNotice(
            record=record,
            published_at=published,
            call_in_ends=callin.call_in_ends(timezone.localdate(published)),
            members_needed=settings.CALL_IN_MEMBERS_NEEDED,
        ),
        acting_user,
    )
    notice.save()
    board = permissions.scrutiny_board_for(record.strategy)
    if board is not None:
        notify(
            f"notice:{notice.pk}",
            board.group.user_set.all(),
            f"Decision published: {record.strategy.reference}",
            [
                f"{record.title}.",
                f"It may be called in until {formatting.long_date(notice.call_in_ends)} "
                f"({formatting.plural(notice.members_needed, 'scrutiny member')} needed).",
            ],
            notice.get_absolute_url(),
            acting_user,
        )
    return notice


def _notice(notice_id):
    return (
        DecisionNotice.objects.select_for_update(of=("self",))
        .select_related("record__strategy", "record__request__plan")
        .get(pk=notice_id)
    )


def _within_rate(acting_user) -> None:
    """Refuse a person's call-ins past settings.CALL_IN_RATE_PER_HOUR in the current hour (counted in the
    shared cache, so every web process counts together)."""
    key = f"call-in-rate:{acting_user.pk}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, 3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, 3600)
        count = 1
    if count > settings.CALL_IN_RATE_PER_HOUR:
        raise ValidationError("You have sent too many call-ins in the last hour: try again later.")


def _told_of_call_in(notice):
    """The decision-makers (the request's approvers) and the chair of scrutiny."""
    request = notice.record.request
    return [*request.approvers.all(), permissions.scrutiny_chair(notice.record.strategy)]


def call_in(*, notice_id, reasons: str, acting_user) -> CallIn:
    """A scrutiny member calls in a decision, with reasons, within the call-in period. Once the members
    needed have, the decision is held until scrutiny has considered it."""
    _within_rate(acting_user)
    with transaction.atomic():
        notice = _notice(notice_id)
        require(permissions.can_call_in(acting_user, notice))
        if not reasons.strip():
            raise ValidationError({"reasons": ["Say why you are calling the decision in."]})
        made = audited(CallIn(notice=notice, member=acting_user, reasons=reasons.strip()), acting_user)
        made.save()
        count = notice.call_ins.count()
        audited(
            notice, acting_user, f"Called in by {acting_user} ({count} of {notice.members_needed})"
        ).save()
        record = notice.record
        if count == notice.members_needed:
            notify(
                f"called-in:{notice.pk}",
                [*_told_of_call_in(notice), *commissioners_of(record.strategy)],
                f"Decision called in: {record.strategy.reference}",
                [
                    f"{record.title}: called in by {formatting.plural(count, 'scrutiny member')}. It is not "
                    "in effect until scrutiny has considered it.",
                    f"Reasons: {made.reasons}",
                ],
                notice.get_absolute_url(),
                acting_user,
                kind="call-in",
            )
        else:
            notify(
                f"call-in:{made.pk}",
                [permissions.scrutiny_chair(record.strategy)],
                f"Call-in {count} of {notice.members_needed}: {record.strategy.reference}",
                [f"{acting_user} called in {record.title}.", f"Reasons: {made.reasons}"],
                notice.get_absolute_url(),
                acting_user,
                kind="call-in",
            )
    return made


@transaction.atomic
def record_call_in_outcome(*, notice_id, outcome: str, reasons: str, acting_user) -> CallInOutcome:
    """Scrutiny's conclusion on a called-in decision (after a referral to full council, council's view:
    no further action, or referred back). Published on the notice; the decision takes effect, or on a
    referral back the approval no longer counts and must be asked for again (members.approvals)."""
    notice = _notice(notice_id)
    require(permissions.can_record_outcome(acting_user, notice))
    Outcome = CallInOutcome.Outcome
    allowed = list(Outcome.values)
    if callin.standing(notice).label == callin.REFERRED_TO_COUNCIL:
        allowed = [Outcome.NO_FURTHER_ACTION, Outcome.REFER_BACK]
    errors = {}
    if outcome not in allowed:
        errors["outcome"] = [
            "Choose scrutiny's conclusion" + (" after council" if len(allowed) == 2 else "") + "."
        ]
    if not reasons.strip():
        errors["reasons"] = ["Give scrutiny's reasons."]
    if errors:
        raise ValidationError(errors)
    made = audited(
        CallInOutcome(notice=notice, outcome=outcome, reasons=reasons.strip(), recorded_by=acting_user),
        acting_user,
    )
    made.save()
    audited(notice, acting_user, f"Call-in outcome: {made.get_outcome_display()}").save()
    record = notice.record
    callers = [c.member for c in notice.call_ins.select_related("member")]
    notify(
        f"call-in-outcome:{made.pk}",
        [*_told_of_call_in(notice), *callers, *commissioners_of(record.strategy)],
        f"Call-in considered: {record.strategy.reference}",
        [f"{record.title}: {made.get_outcome_display()}.", f"Reasons: {made.reasons}"],
        notice.get_absolute_url(),
        acting_user,
        kind="call-in",
    )
    return made
