"""Writes for boards, councillors' rights, approvals and scrutiny: one function per action, atomic,
audited (django-simple-history, with the acting user), with the acting user passed in."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from guardian.shortcuts import assign_perm, remove_perm

from commissioning import formatting
from commissioning.dates import check_dates
from commissioning.history import audited
from commissioning.notifications import notify
from commissioning.permissions import require
from commissioning.versioning import save_if_current
from strategies.models import Strategy

from . import approvals, callin, permissions, records, rules, snapshots
from .models import (
    ApprovalDecision,
    ApprovalRequest,
    Board,
    BoardMembership,
    CallIn,
    CallInOutcome,
    CouncillorProfile,
    DecisionNotice,
    ForwardPlanEntry,
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
def save_profile(*, user, ward: str, party: str, portfolio: str, acting_user) -> CouncillorProfile:
    require(permissions.can_manage(acting_user))
    profile = CouncillorProfile.objects.select_for_update().filter(user=user).first() or CouncillorProfile(
        user=user
    )
    profile.ward, profile.party, profile.portfolio = ward, party, portfolio
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
    """Who holds this strategy (and may approve it) and which scrutiny board it is referred to."""
    require(permissions.can_manage(acting_user))
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    wanted = set(portfolio_holders)
    eligible = set(executive_members())
    if wanted - eligible:
        names = get_text_list(sorted(str(p) for p in wanted - eligible), "and")
        raise ValidationError(f"Only members of the Executive can hold a strategy: {names} is not.")
    if board is not None and not board.is_scrutiny:
        raise ValidationError("Refer the strategy to a scrutiny board or committee.")
    held = {h.councillor: h for h in strategy.portfolio_holders.select_related("councillor")}
    for councillor in wanted - set(held):
        audited(PortfolioHolder(strategy=strategy, councillor=councillor), acting_user).save()
        assign_perm(permissions.APPROVE, councillor, strategy)
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
    assign_perm(permissions.SCRUTINISE, board.group, strategy)
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
        )
    return request


def decide(
    *,
    request_id,
    seen_content_hash: str,
    kind,
    reasons,
    conflict_declared=False,
    conflict_details="",
    acting_user,
) -> ApprovalDecision:
    """Record one approver's decision on the version they were shown (`seen_content_hash`: refused if the
    request is no longer of that version); settle the request when its rule is met (or can no longer be)
    and write the decision record."""
    with transaction.atomic():
        request = (
            ApprovalRequest.objects.select_for_update(of=("self",))
            .select_related(
                "strategy__directorate", "strategy__accountable_commissioner", "plan", "requested_by"
            )
            .get(pk=request_id)
        )
        require(permissions.can_decide(acting_user, request))
        if (
            seen_content_hash != request.content_hash
        ):  # checked under the lock: no decision on another version
            raise ValidationError("This request has changed since the page was loaded: reload it.")
        decision = ApprovalDecision.objects.create(
            request=request,
            approver=acting_user,
            kind=kind,
            reasons=reasons.strip(),
            conflict_declared=conflict_declared,
            conflict_details=conflict_details.strip() if conflict_declared else "",
            content_hash=request.content_hash,
        )
        decisions = list(request.decisions.select_related("approver"))
        approvers = list(request.approvers.all())
        status = rules.tally(request.rule, len(approvers), [d.kind for d in decisions])
        strategy = request.strategy
        url = request.get_absolute_url()
        notify(
            f"decided:{decision.pk}",
            [request.requested_by, *commissioners_of(strategy)],
            f"{acting_user}: {decision.get_kind_display().lower()} ({strategy.reference})",
            [
                f"{acting_user} decided '{decision.get_kind_display()}' on {request.what}.",
                f"Reasons: {decision.reasons}",
            ],
            url,
            acting_user,
        )
        if status != Status.OPEN:
            request.status = status
            request.closed_at = timezone.now()
            audited(request, acting_user, f"Settled: {request.get_status_display()}").save()
            record = records.write(request, decisions)
            _publish_notice(record, approvers, acting_user)
            notify(
                f"settled:{request.pk}",
                [request.requested_by, *commissioners_of(strategy), *approvers],
                f"{strategy.reference}: {request.get_status_display().lower()}",
                [record.title + ".", record.summary.split("\n\n")[0]],
                record.get_absolute_url(),
            )
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
        )
    return saved


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
            )
        else:
            notify(
                f"call-in:{made.pk}",
                [permissions.scrutiny_chair(record.strategy)],
                f"Call-in {count} of {notice.members_needed}: {record.strategy.reference}",
                [f"{acting_user} called in {record.title}.", f"Reasons: {made.reasons}"],
                notice.get_absolute_url(),
                acting_user,
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
    )
    return made
