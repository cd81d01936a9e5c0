"""Issue 15 item 6: Review → Do, "continue as now". Allowed only when this cycle's review recommends continuing
as now (delivery.conditions); refused with every reason otherwise; shown on the strategy page with the other
moves; recorded on the timeline and told to the commissioners as every move is."""

import pytest
from django.urls import reverse

from commissioning.models import Notification
from delivery.models import ReviewRecord
from delivery.services import save_review
from strategies.models import Stage, Strategy, TransitionLog
from strategies.notices import KEY_PREFIX
from strategies.services import TransitionRefused

from .. import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(commissioner):
    s = factories.StrategyFactory(commissioner=commissioner, delivered=True)
    return factories.move(s, "start_review", commissioner)


def recommend(s, recommendation, **more):
    record = ReviewRecord.objects.filter(strategy=s, cycle=s.cycle).first()
    return save_review(
        strategy=s,
        seen_version=record.version if record else None,
        acting_user=s.accountable_commissioner,
        changes={"recommendation": recommendation, **more},
    )


def refused(s) -> list[str]:
    with pytest.raises(TransitionRefused) as refusal:
        factories.move(s, "continue_delivery", s.accountable_commissioner)
    return refusal.value.reasons


def test_refused_without_a_review(in_review):
    assert refused(in_review) == [
        "Write the review of cycle 1, recommending continuing as now, before delivery continues."
    ]


def test_refused_when_the_review_recommends_recommissioning_or_is_incomplete(in_review):
    factories.reviewed(in_review)  # complete, recommending recommissioning
    assert refused(in_review) == [
        "The review recommends 'recommission', not continuing as now: change the recommendation, or follow it."
    ]
    recommend(in_review, ReviewRecord.Recommendation.DECOMMISSION, lessons="")
    assert refused(in_review) == [
        "Complete the review: the lessons learnt.",
        "The review recommends 'decommission', not continuing as now: change the recommendation, or follow it.",
    ]
    assert Strategy.objects.get(pk=in_review.pk).stage == Stage.REVIEW


def test_continuing_as_now_goes_back_to_do_in_the_same_cycle(client, in_review, commissioner2):
    in_review.commissioners.add(commissioner2)
    factories.reviewed(in_review, recommendation=ReviewRecord.Recommendation.CONTINUE, trigger="")
    client.force_login(in_review.accountable_commissioner)
    page = client.get(reverse("strategies:detail", args=[in_review.pk]))
    moves = {t["name"]: t for t in page.context["transitions"]}
    assert moves["continue_delivery"]["allowed"] and moves["continue_delivery"]["label"] == "Continue as now"
    assert "Continue as now" in page.content.decode()
    moved = factories.move(in_review, "continue_delivery", in_review.accountable_commissioner)
    assert (moved.stage, moved.cycle) == (Stage.DO, in_review.cycle)
    log = TransitionLog.objects.filter(strategy=in_review).first()
    assert (log.transition, log.source, log.target, log.actor) == (
        "continue_delivery",
        Stage.REVIEW,
        Stage.DO,
        in_review.accountable_commissioner,
    )
    assert Notification.objects.filter(key=f"{KEY_PREFIX}{log.pk}").exists()
    assert moved.history.first().history_change_reason == "Continue as now"


def test_the_page_shows_why_not(client, in_review):
    factories.reviewed(in_review)
    client.force_login(in_review.accountable_commissioner)
    page = client.get(reverse("strategies:detail", args=[in_review.pk])).content.decode()
    assert "Continue as now: not yet" in page
    assert "not continuing as now" in page
