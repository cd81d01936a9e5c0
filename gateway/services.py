"""Writes at the programme gateway: one function per action, atomic, audited, with the acting user."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commissioning import formatting
from commissioning.dates import check_dates
from commissioning.history import audited
from commissioning.notifications import notify
from commissioning.permissions import require
from commissioning.versioning import save_if_current
from members.services import commissioners_of
from strategies.models import Strategy

from . import assessment, permissions
from .models import (
    Area,
    AreaFinding,
    Criterion,
    CriterionAnswer,
    GatewayReview,
    KeyProjectMark,
    KeyProjectOverride,
    OverlapDecision,
    ReviewAction,
)

Verdict = GatewayReview.Verdict


# Key projects ---------------------------------------------------------------------------------------------


@transaction.atomic
def answer_criteria(*, strategy, answers: dict, acting_user) -> None:
    """The panel's answers to the judged criteria: {criterion: (met, note)}."""
    require(permissions.can_judge(acting_user, strategy))
    # This cycle's answers already given, read at once (not a query per criterion).
    given = {
        a.criterion_id: a
        for a in CriterionAnswer.objects.filter(
            strategy=strategy, cycle=strategy.cycle, criterion__in=[c.pk for c in answers]
        ).order_by("pk")
    }
    for criterion, (met, note) in answers.items():
        if criterion.test != Criterion.Test.JUDGED:
            raise ValidationError(f"'{criterion}' is measured, not judged.")
        answer = given.get(criterion.pk)
        answer = answer or CriterionAnswer(strategy=strategy, cycle=strategy.cycle, criterion=criterion)
        if answer.pk and (answer.met, answer.note) == (met, note):
            continue
        answer.met, answer.note = met, note.strip()
        audited(answer, acting_user).save()


@transaction.atomic
def override_key(*, strategy, is_key: bool | None, reason: str, acting_user) -> None:
    """Make a project key (or not) whatever it scores, with a reason; None returns it to its score."""
    require(permissions.can_judge(acting_user, strategy))
    current = KeyProjectOverride.objects.filter(strategy=strategy, cycle=strategy.cycle).first()
    if is_key is None:
        if current:
            audited(current, acting_user, "Override removed").delete()
        return
    if not reason.strip():
        raise ValidationError("Give the reason for overriding the score.")
    current = current or KeyProjectOverride(
        strategy=strategy, cycle=strategy.cycle, by=acting_user, is_key=is_key
    )
    current.is_key, current.reason, current.by, current.at = (
        is_key,
        reason.strip(),
        acting_user,
        timezone.now(),
    )
    audited(current, acting_user).save()


@transaction.atomic
def save_criterion(*, acting_user, criterion=None, **fields) -> Criterion:
    require(permissions.can_configure(acting_user))
    criterion = criterion or Criterion()
    for name, value in fields.items():
        setattr(criterion, name, value)
    if criterion.test == Criterion.Test.VALUE_OVER and criterion.threshold is None:
        raise ValidationError("Give the threshold for a value criterion.")
    audited(criterion, acting_user).save()
    return criterion


@transaction.atomic
def set_mark(*, points: int, acting_user) -> KeyProjectMark:
    require(permissions.can_configure(acting_user))
    mark = KeyProjectMark.current()
    mark.points = points
    audited(mark, acting_user).save()
    return mark


# Reviews --------------------------------------------------------------------------------------------------


def schedule_review(*, strategy, scheduled_for, focus="", acting_user) -> GatewayReview:
    with transaction.atomic():
        strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
        require(permissions.can_schedule(acting_user, strategy, is_key=assessment.is_key_project(strategy)))
        if strategy.gateway_reviews.filter(
            cycle=strategy.cycle, status=GatewayReview.Status.SCHEDULED
        ).exists():
            raise ValidationError(
                "A review of this project is already scheduled: hold or cancel that one first."
            )
        if scheduled_for < timezone.localdate():
            raise ValidationError("The review date must be today or in the future.")
        check_dates({"scheduled_for": scheduled_for}, GatewayReview)
        review = audited(
            GatewayReview(
                strategy=strategy,
                cycle=strategy.cycle,
                scheduled_for=scheduled_for,
                focus=focus.strip(),
                scheduled_by=acting_user,
            ),
            acting_user,
        )
        review.save()
        notify(
            f"gateway-scheduled:{review.pk}",
            commissioners_of(strategy),
            f"Gateway review of {strategy.reference} on {formatting.long_date(scheduled_for)}",
            [
                f"The Strategic Commissioning and Procurement Group will challenge {strategy} at a gateway review "
                f"on {formatting.long_date(scheduled_for)}.",
                *([f"The panel wants to see: {review.focus}"] if review.focus else []),
            ],
            review.get_absolute_url(),
            acting_user,
        )
    return review


def save_finding(
    *, review, area: str, rating: str, comments: str, seen_version: int | None = None, acting_user
):
    """The panel's rating and comments on one area; an edit is refused if someone saved it meanwhile."""
    with transaction.atomic():
        review = GatewayReview.objects.select_for_update().select_related("strategy").get(pk=review.pk)
        require(permissions.can_review(acting_user, review))
        finding = review.findings.filter(area=area).first()
        if finding is None:
            finding = AreaFinding(review=review, area=area, rating=rating, comments=comments.strip())
            audited(finding, acting_user).save()
            return finding

        def apply(obj):
            obj.rating, obj.comments = rating, comments.strip()

        return save_if_current(AreaFinding, finding.pk, seen_version or 0, apply, acting_user)


def add_action(*, review, kind: str, description: str, owner, due_date, acting_user) -> ReviewAction:
    with transaction.atomic():
        review = GatewayReview.objects.select_for_update().select_related("strategy").get(pk=review.pk)
        require(permissions.can_review(acting_user, review))
        check_dates({"due_date": due_date}, ReviewAction)
        action = audited(
            ReviewAction(
                review=review, kind=kind, description=description.strip(), owner=owner, due_date=due_date
            ),
            acting_user,
        )
        action.save()
    return action


def complete_review(*, review, verdict: str, summary: str, seen_version: int, acting_user) -> GatewayReview:
    """Record the verdict. Every area must have a finding; 'passed with conditions' needs a condition."""
    with transaction.atomic():
        locked = GatewayReview.objects.select_for_update().select_related("strategy").get(pk=review.pk)
        require(permissions.can_review(acting_user, locked))
        missing = [label for value, label in Area.choices if not locked.findings.filter(area=value).exists()]
        problems = []
        if missing:
            problems.append(f"Record the panel's finding on: {', '.join(missing)}.")
        conditions = locked.actions.filter(kind=ReviewAction.Kind.CONDITION)
        if verdict == Verdict.PASSED_WITH_CONDITIONS and not conditions.exists():
            problems.append("Add the conditions before passing the project with conditions.")
        if verdict == Verdict.PASSED and conditions.filter(status=ReviewAction.Status.OPEN).exists():
            problems.append("The review has open conditions: pass it with conditions, or withdraw them.")
        if problems:
            raise ValidationError(problems)

        def apply(obj):
            obj.verdict, obj.verdict_summary = verdict, summary.strip()
            obj.status, obj.completed_at, obj.completed_by = (
                GatewayReview.Status.COMPLETED,
                timezone.now(),
                acting_user,
            )

        saved = save_if_current(GatewayReview, locked.pk, seen_version, apply, acting_user)
        strategy = saved.strategy
        owners = [a.owner for a in saved.actions.select_related("owner")]
        notify(
            f"gateway-verdict:{saved.pk}",
            [*commissioners_of(strategy), *owners],
            f"Gateway review of {strategy.reference}: {saved.get_verdict_display().lower()}",
            [
                f"The gateway panel's verdict on {strategy}: {saved.get_verdict_display()}.",
                saved.verdict_summary,
                *(
                    f"{a.get_kind_display()}: {a.description} ({a.owner}, by {formatting.long_date(a.due_date)})"
                    for a in saved.actions.all()
                ),
            ],
            saved.get_absolute_url(),
            acting_user,
        )
    return saved


def cancel_review(*, review, reason: str, seen_version: int, acting_user) -> GatewayReview:
    require(permissions.can_review(acting_user, review))
    if not reason.strip():
        raise ValidationError("Give the reason for cancelling the review.")

    def apply(obj):
        obj.status = GatewayReview.Status.CANCELLED
        obj.verdict_summary = reason.strip()

    return save_if_current(GatewayReview, review.pk, seen_version, apply, acting_user)


def report_progress(*, action, update: str, seen_version: int, acting_user) -> ReviewAction:
    require(permissions.can_answer(acting_user, action))

    def apply(obj):
        obj.update = update.strip()

    with transaction.atomic():
        saved = save_if_current(ReviewAction, action.pk, seen_version, apply, acting_user)
    return saved


def close_action(*, action, status: str, seen_version: int, acting_user) -> ReviewAction:
    require(permissions.can_follow_up(acting_user, action))
    if status not in (ReviewAction.Status.DONE, ReviewAction.Status.WITHDRAWN):
        raise ValidationError("Choose done or withdrawn.")

    def apply(obj):
        obj.status, obj.closed_at = status, timezone.now()

    return save_if_current(ReviewAction, action.pk, seen_version, apply, acting_user)


# Overlaps -------------------------------------------------------------------------------------------------


@transaction.atomic
def decide_overlap(*, first, second, decision: str, note: str, acting_user) -> OverlapDecision:
    if first.pk > second.pk:
        first, second = second, first
    require(permissions.can_decide_overlap(acting_user, first, second=second))
    if first.pk == second.pk:
        raise ValidationError("Choose two different projects.")
    if not note.strip():
        raise ValidationError("Say what the panel decided, and why.")
    found = OverlapDecision.objects.filter(first=first, second=second).first()
    found = found or OverlapDecision(first=first, second=second, by=acting_user, decision=decision)
    found.decision, found.note, found.by, found.at = decision, note.strip(), acting_user, timezone.now()
    audited(found, acting_user).save()
    return found
