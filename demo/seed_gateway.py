"""Demo County Council at the programme gateway: the panel's judgements on every project, the reviews
that key projects passed before delivery started, and current business: a review coming up, one not
passed, one passed with a condition still open, and a decision on a possible overlap
(demo/data/gateway.yaml). Used by `manage.py seed_demo`; written through gateway.services as the panel's
chair, then dated."""

from datetime import timedelta

from django.utils import timezone

from gateway import assessment, overlaps, services
from gateway.models import (
    Area,
    Criterion,
    CriterionAnswer,
    GatewayReview,
    KeyProjectOverride,
    OverlapDecision,
    ReviewAction,
)

from . import content, seed_meetings

GATEWAY = content.load("gateway")
FINDINGS = GATEWAY["findings"]  # area: [rating, comments]


def _date(review, scheduled, completed=None):
    """Put a seeded review back at the time it happened (the services stamp 'now')."""
    GatewayReview.objects.filter(pk=review.pk).update(
        scheduled_for=scheduled,
        completed_at=completed,
        created_at=timezone.make_aware(
            timezone.datetime.combine(scheduled - timedelta(days=21), timezone.datetime.min.time())
        ),
    )


class GatewaySeeder:
    def __init__(self, users):
        self.chair = users["gateway"]
        self.judged = {c.name: c for c in Criterion.objects.filter(test=Criterion.Test.JUDGED, active=True)}

    def judge(self, strategy):
        met = GATEWAY["judged"].get(strategy.directorate.name, {})
        services.answer_criteria(
            strategy=strategy,
            answers={c: (name in met, met.get(name, "")) for name, c in self.judged.items()},
            acting_user=self.chair,
        )

    def _review(self, strategy, verdict, owner, *, condition_open=False, when=None):
        """A review held `when` (a date), with the six findings and the verdict."""
        review = services.schedule_review(
            strategy=strategy,
            scheduled_for=timezone.localdate(),
            focus=GATEWAY["focus"],
            acting_user=self.chair,
        )
        for area, (rating, comments) in FINDINGS.items():
            if verdict == GatewayReview.Verdict.NOT_PASSED and area == Area.DELIVERY:
                rating, comments = GATEWAY["not_passed_delivery"]
            services.save_finding(
                review=review, area=area, rating=rating, comments=comments, acting_user=self.chair
            )
        if verdict == GatewayReview.Verdict.PASSED_WITH_CONDITIONS:
            condition = services.add_action(
                review=review,
                kind=ReviewAction.Kind.CONDITION,
                owner=owner,
                acting_user=self.chair,
                description=GATEWAY["condition"],
                due_date=timezone.localdate() + timedelta(days=14),
            )
            if not condition_open:
                ReviewAction.objects.filter(pk=condition.pk).update(
                    status=ReviewAction.Status.DONE,
                    update=GATEWAY["condition_met"],
                    closed_at=timezone.now(),
                )
        if verdict == GatewayReview.Verdict.NOT_PASSED:
            services.add_action(
                review=review,
                kind=ReviewAction.Kind.ACTION,
                owner=owner,
                acting_user=self.chair,
                description=GATEWAY["action"],
                due_date=timezone.localdate() + timedelta(days=21),
            )
        review.refresh_from_db()
        services.complete_review(
            review=review,
            verdict=verdict,
            summary=GATEWAY["summaries"][verdict],
            seen_version=review.version,
            acting_user=self.chair,
        )
        if when is not None:
            moment = timezone.make_aware(
                timezone.datetime.combine(when, timezone.datetime.min.time())
            ) + timedelta(hours=14)
            _date(review, when, moment)
        return review

    def before_delivery(self, strategy, owner, when):
        """A key project passes its gateway review a fortnight before it moves to Do."""
        if assessment.is_key_project(strategy):
            self._review(
                strategy, GatewayReview.Verdict.PASSED, owner, when=(when - timedelta(days=14)).date()
            )

    def current_business(self, in_plan):
        """in_plan: [(strategy, owner)] of the first copy's strategies in Plan."""
        key = [(s, o) for s, o in in_plan if assessment.is_key_project(s)]
        # Each review is held at a meeting of the panel (demo/data/meetings.yaml).
        past, coming = seed_meetings.meeting_days(seed_meetings.GATEWAY, timezone.localdate())
        if key:
            s, o = key[0]
            services.schedule_review(
                strategy=s,
                scheduled_for=coming,
                acting_user=self.chair,
                focus=GATEWAY["coming_focus"],
            )
        if len(key) > 1:
            s, o = key[1]
            self._review(s, GatewayReview.Verdict.NOT_PASSED, o, when=past[0])
        if len(key) > 2:
            s, o = key[2]
            self._review(
                s,
                GatewayReview.Verdict.PASSED_WITH_CONDITIONS,
                o,
                condition_open=True,
                when=past[1],
            )
        # Every strategy has moved to where it stands (seed_demo pauses the finder's jobs while seeding): the
        # overlap finder compares everything once, and the panel decides on the strongest pair.
        overlaps.rebuild()
        pairs = overlaps.page(1).object_list
        if pairs:
            pair = pairs[0]
            services.decide_overlap(
                first=pair.first,
                second=pair.second,
                decision="commission_together",
                acting_user=self.chair,
                note=GATEWAY["overlap_note"],
            )


def reset():
    """Delete the gateway's records about strategies (seed_demo --reset); the criteria stay."""
    for model in [ReviewAction, GatewayReview, CriterionAnswer, KeyProjectOverride, OverlapDecision]:
        model.objects.all().delete()
        model.history.all().delete()
