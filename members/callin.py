"""Key decisions and call-in, as the Local Authorities (Executive Arrangements) (Meetings and Access to
Information) (England) Regulations 2012 (SI 2012/2089) set them and a council's constitution applies them;
the periods are settings (commissioning/settings.py), counted by commissioning.dates.

- reg. 9: a key decision is taken only once its forward-plan entry has been public for 28 clear days;
- reg. 10 (general exception): sooner, once the chair of scrutiny has been told in writing, the notice made
  public, and 5 clear days have passed since;
- reg. 11 (special urgency): sooner still, with the chair of scrutiny's agreement that it cannot wait;
- reg. 12-13: each executive decision is published; scrutiny members may call it in within the call-in
  period (5 working days); until that ends uncalled, or scrutiny has considered the call-in, the decision is
  not yet in effect.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone

from commissioning import dates, formatting

from .models import CallInOutcome, ForwardPlanEntry, KeyDecisionException

Outcome = CallInOutcome.Outcome


# Key decisions (reg. 9-11) --------------------------------------------------------------------------------


def entry_for(request) -> ForwardPlanEntry | None:
    """The forward-plan entry of the matter this approval request decides."""
    return (
        ForwardPlanEntry.objects.filter(
            strategy_id=request.strategy_id,
            cycle=request.cycle,
            subject=request.subject,
            plan_id=request.plan_id,
        )
        .prefetch_related("exceptions")
        .first()
    )


def earliest_by_notice(entry) -> date:
    """The first day the decision may be taken on the strength of the forward plan alone (reg. 9)."""
    return dates.first_day_after_clear_days(entry.published_on, settings.KEY_DECISION_NOTICE_CLEAR_DAYS)


def earliest_by_exception(exception) -> date:
    if exception.kind == KeyDecisionException.Kind.SPECIAL_URGENCY:
        return exception.chair_told_on  # from the chair's agreement (reg. 11)
    return dates.first_day_after_clear_days(
        exception.published_on, settings.GENERAL_EXCEPTION_CLEAR_DAYS, settings.GENERAL_EXCEPTION_WORKING_DAYS
    )


def key_decision_refusal(request, today: date | None = None) -> str:
    """Why this approval request may not be decided today ("" when it may): a key decision before its
    forward-plan notice has run and without an exception that allows it."""
    if not request.key_decision:
        return ""
    today = today or timezone.localdate()
    n = settings.KEY_DECISION_NOTICE_CLEAR_DAYS
    entry = entry_for(request)
    if entry is None:
        return (
            f"This is a key decision, and it is not on the forward plan: publish it there {n} clear days "
            "before it is taken, or record a general exception or special urgency."
        )
    if today >= earliest_by_notice(entry):
        return ""
    waiting = []
    for exception in entry.exceptions.all():
        allowed_from = earliest_by_exception(exception)
        if today >= allowed_from:
            return ""
        waiting.append(
            f"The general exception notice was made public on {formatting.long_date(exception.published_on)}: "
            f"the decision may be taken from {formatting.long_date(allowed_from)}."
        )
    clear = dates.clear_days_between(entry.published_on, today)
    return " ".join(
        [
            f"This key decision was published on the forward plan on "
            f"{formatting.long_date(entry.published_on)}, {formatting.plural(clear, 'clear day')} ago: it "
            f"cannot be taken before {formatting.long_date(earliest_by_notice(entry))} ({n} clear days) "
            "unless a general exception or special urgency is recorded.",
            *waiting,
        ]
    )


def private_notice_short(entry) -> bool:
    """Whether the notice of a private meeting (reg. 5) was given fewer clear days before the expected
    decision than the council's period."""
    if not entry.in_private or entry.private_notice_on is None:
        return entry.in_private
    return dates.clear_days_between(entry.private_notice_on, entry.expected_on) < (
        settings.PRIVATE_MEETING_NOTICE_CLEAR_DAYS
    )


# Decision notices and call-in (reg. 12-13) ----------------------------------------------------------------


def call_in_ends(published: date) -> date:
    """The last day of the call-in period of a notice published on `published`."""
    return dates.working_days_after(published, settings.CALL_IN_WORKING_DAYS)


@dataclass
class Standing:
    """Where a published decision stands: in effect, or not yet and why."""

    label: str
    in_effect: bool
    reason: str
    tag: str
    called_in: bool = False
    outcome: object = None

    @property
    def open_for_call_in(self) -> bool:
        return self.label == NOT_YET


NOT_YET, IN_EFFECT, CALLED_IN = "Not yet in effect", "In effect", "Called in"
REFERRED_BACK, REFERRED_TO_COUNCIL = "Referred back", "Referred to full council"


def standing(notice, today: date | None = None) -> Standing:
    """From the notice's call-ins and outcomes (prefetched by members.selectors for lists)."""
    today = today or timezone.localdate()
    outcomes = list(notice.outcomes.all())
    call_ins = list(notice.call_ins.all())
    called = len(call_ins) >= notice.members_needed
    title = notice.record.title
    if outcomes:
        latest = outcomes[-1]
        on = formatting.long_date(latest.recorded_at)
        if latest.outcome == Outcome.NO_FURTHER_ACTION:
            return Standing(IN_EFFECT, True, "", "govuk-tag--green", called, latest)
        if latest.outcome == Outcome.REFER_BACK:
            return Standing(
                REFERRED_BACK,
                False,
                f"Scrutiny referred the decision ({title}) back to the decision-maker on {on}: it does not take "
                "effect, and the decision-maker must decide again.",
                "govuk-tag--red",
                called,
                latest,
            )
        return Standing(
            REFERRED_TO_COUNCIL,
            False,
            f"Scrutiny referred the decision ({title}) to full council on {on}: it is not in effect until "
            "council's view is recorded.",
            "govuk-tag--orange",
            called,
            latest,
        )
    if called:
        return Standing(
            CALLED_IN,
            False,
            f"The decision ({title}) was called in by {formatting.plural(len(call_ins), 'scrutiny member')} "
            f"(reasons: {call_ins[0].reasons.strip().rstrip('.')}): it is not in effect until scrutiny has "
            "considered it.",
            "govuk-tag--red",
            True,
        )
    if today <= notice.call_in_ends:
        return Standing(
            NOT_YET,
            False,
            f"The decision ({title}) is not yet in effect: it may be called in until "
            f"{formatting.long_date(notice.call_in_ends)}.",
            "govuk-tag--yellow",
        )
    return Standing(IN_EFFECT, True, "", "govuk-tag--green")
