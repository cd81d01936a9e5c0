"""Writes for boards, councillors' rights, approvals and scrutiny: one function per action, atomic,
audited (django-simple-history, with the acting user), with the acting user passed in."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from guardian.shortcuts import assign_perm, remove_perm

from commissioning.history import audited
from commissioning.permissions import require
from commissioning.versioning import delete_if_current, save_if_current
from strategies.models import Strategy

from . import approvals, permissions, records, rules, snapshots
from .models import (
    AgendaItem,
    ApprovalDecision,
    ApprovalRequest,
    Board,
    BoardMembership,
    CouncillorProfile,
    Meeting,
    Notification,
    PackBuild,
    PortfolioHolder,
    Recommendation,
    Referral,
    ScrutinyComment,
    Subject,
    WorkProgrammeItem,
)

Status = ApprovalRequest.Status


def notify(key: str, people, subject: str, lines: list[str], url: str, acting_user=None) -> None:
    """Write an e-mail to send once this transaction commits (members.tasks.send_notification)."""
    from django.conf import settings

    from .tasks import send_notification

    recipients = sorted(
        {
            p.email
            for p in people
            if p and p.email and p.is_active and (acting_user is None or p.pk != acting_user.pk)
        }
    )
    if not recipients:
        return
    body = "\n\n".join([*lines, f"{settings.SITE_URL}{url}"])
    note, created = Notification.objects.get_or_create(
        key=key[:100], defaults={"recipients": recipients, "subject": subject[:200], "body": body}
    )
    if created:
        transaction.on_commit(lambda: send_notification.delay(note.pk))


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
    *, strategy, subject, plan=None, approvers, rule, note="", decision_due=None, acting_user
) -> ApprovalRequest:
    with transaction.atomic():
        strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)  # one request at a time
        require(permissions.can_request(acting_user, strategy, subject, plan))
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
                *([f"A decision is needed by {decision_due:%d %B %Y}."] if decision_due else []),
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
            f"A response is due by {recommendation.response_due:%d %B %Y}.",
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


# Meetings, agendas and work programmes ----------------------------------------------------------------------


def _renumber(meeting) -> None:
    for position, item in enumerate(meeting.items.order_by("position", "pk"), start=1):
        if item.position != position:
            AgendaItem.objects.filter(pk=item.pk).update(position=position)


def _next_position(meeting) -> int:
    return (meeting.items.aggregate(p=Max("position"))["p"] or 0) + 1


@transaction.atomic
def create_meeting(board, *, starts_at, venue: str, acting_user) -> Meeting:
    """Set up a meeting: the board's work programme items due by its date become its first agenda items."""
    require(permissions.can_manage_meetings(acting_user))
    meeting = audited(Meeting(board=board, starts_at=starts_at, venue=venue), acting_user)
    meeting.save()
    due = (
        WorkProgrammeItem.objects.select_for_update()
        .filter(board=board, agenda_item__isnull=True, due_from__lte=timezone.localtime(starts_at).date())
        .order_by("due_from", "pk")
    )
    for position, planned in enumerate(due, start=1):
        item = audited(
            AgendaItem(
                meeting=meeting,
                position=position,
                kind=planned.kind,
                title=planned.title,
                strategy_id=planned.strategy_id,
            ),
            acting_user,
            "From the work programme",
        )
        item.save()
        planned.agenda_item = item
        audited(planned, acting_user, f"Placed on the agenda of {meeting}").save()
    return meeting


def save_meeting(meeting, *, seen_version: int, starts_at, venue: str, minutes: str, acting_user) -> Meeting:
    require(permissions.can_manage_meetings(acting_user))

    def apply(obj):
        obj.starts_at, obj.venue, obj.minutes = starts_at, venue, minutes

    return save_if_current(Meeting, meeting.pk, seen_version, apply, acting_user)


@transaction.atomic
def add_item(meeting, *, acting_user, document_pages: int = 0, **fields) -> AgendaItem:
    require(permissions.can_manage_meetings(acting_user))
    Meeting.objects.select_for_update().get(pk=meeting.pk)  # one new position at a time
    fields.pop("seen_version", None)
    item = audited(
        AgendaItem(
            meeting=meeting, position=_next_position(meeting), document_pages=document_pages, **fields
        ),
        acting_user,
    )
    item.save()
    return item


def save_item(
    item, *, seen_version: int, acting_user, document_pages: int | None = None, **fields
) -> AgendaItem:
    require(permissions.can_manage_meetings(acting_user))
    fields.pop("seen_version", None)

    def apply(obj):
        for name, value in fields.items():
            if name == "document" and not value:
                continue  # no new upload: keep the one stored
            setattr(obj, name, value)
        if document_pages is not None:
            obj.document_pages = document_pages

    return save_if_current(AgendaItem, item.pk, seen_version, apply, acting_user)


@transaction.atomic
def remove_item(item, *, seen_version: int, acting_user) -> None:
    require(permissions.can_manage_meetings(acting_user))
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    # A work programme item placed here goes back to the programme, to be placed again.
    WorkProgrammeItem.objects.filter(agenda_item=item).update(agenda_item=None)
    delete_if_current(AgendaItem, item.pk, seen_version, acting_user, meeting=meeting)
    _renumber(meeting)


@transaction.atomic
def move_item(item, *, up: bool, acting_user) -> None:
    require(permissions.can_manage_meetings(acting_user))
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    items = list(meeting.items.order_by("position", "pk"))
    at = next((n for n, i in enumerate(items) if i.pk == item.pk), None)
    other = None if at is None else (at - 1 if up else at + 1)
    if other is None or not 0 <= other < len(items):
        return
    items[at], items[other] = items[other], items[at]
    for position, moved in enumerate(items, start=1):
        if moved.position != position:
            moved.position = position
            audited(moved, acting_user, "Moved on the agenda").save()


@transaction.atomic
def add_to_work_programme(board, *, acting_user, **fields) -> WorkProgrammeItem:
    require(permissions.can_manage_meetings(acting_user))
    fields.pop("seen_version", None)
    planned = audited(WorkProgrammeItem(board=board, added_by=acting_user, **fields), acting_user)
    planned.save()
    return planned


def remove_from_work_programme(planned, *, seen_version: int, acting_user) -> None:
    require(permissions.can_manage_meetings(acting_user))
    delete_if_current(WorkProgrammeItem, planned.pk, seen_version, acting_user, board_id=planned.board_id)


# Packs -----------------------------------------------------------------------------------------------------


class QueueUnavailable(Exception):  # noqa: N818 - a state the user is told about
    MESSAGE = (
        "Packs cannot be built just now: the job queue is not available. Nothing has been lost: the packs "
        "already built can still be downloaded. Try again in a few minutes."
    )


def _enqueue(build) -> None:
    from .tasks import build_packs

    try:
        build_packs.apply_async((build.pk,), retry=False)
    except Exception as error:  # kombu's OperationalError, redis' ConnectionError, a refused socket...
        PackBuild.objects.filter(pk=build.pk).update(
            status=PackBuild.Status.FAILED, error=QueueUnavailable.MESSAGE, finished_at=timezone.now()
        )
        raise QueueUnavailable(QueueUnavailable.MESSAGE) from error


def request_build(meeting, *, acting_user) -> PackBuild:
    """Ask a worker to build the meeting's packs. A build already waiting or running is returned rather
    than a second one queued (two presses of the button make one build)."""
    require(permissions.can_build_pack(acting_user, meeting))
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        running = meeting.builds.filter(
            status__in=[PackBuild.Status.QUEUED, PackBuild.Status.RUNNING]
        ).first()
        if running and not is_stalled(running):
            return running
        if running:
            PackBuild.objects.filter(pk=running.pk).update(
                status=PackBuild.Status.FAILED,
                error="The build stopped without finishing.",
                finished_at=timezone.now(),
            )
        build = PackBuild.objects.create(
            meeting=meeting, requested_by=acting_user, step="Waiting for a worker"
        )
    _enqueue(build)  # after commit: the worker must find the row
    return build


def retry_build(build, *, acting_user) -> PackBuild:
    """Queue a failed build again; its parts already stored are not made twice."""
    require(permissions.can_build_pack(acting_user, build.meeting))
    with transaction.atomic():
        build = PackBuild.objects.select_for_update().get(pk=build.pk)
        if build.status != PackBuild.Status.FAILED:
            return build
        build.status, build.error, build.step, build.progress = (
            PackBuild.Status.QUEUED,
            "",
            "Waiting for a worker",
            0,
        )
        build.finished_at = None
        build.save(update_fields=["status", "error", "step", "progress", "finished_at"])
    _enqueue(build)
    return build


def is_stalled(build) -> bool:
    """A build waiting or running for longer than any pack takes has lost its worker and its message."""
    return build.in_progress and build.requested_at < timezone.now() - settings.PACK_BUILD_STALLED_AFTER
