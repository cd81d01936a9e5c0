"""Councillors' reminders (commissioning.reminders): approvals due to be decided (escalated to the commissioner
who asked and the accountable commissioner), and recommendations the Executive must respond to (escalated to
the scrutiny board's chair)."""

from django.db.models import Prefetch
from django.urls import reverse

from commissioning.reminders import Due, source

from . import permissions
from .models import ApprovalDecision, ApprovalRequest, PortfolioHolder, Recommendation


@source
def approvals_due(since, until):
    requests = (
        ApprovalRequest.objects.filter(
            status=ApprovalRequest.Status.OPEN, decision_due__gte=since, decision_due__lte=until
        )
        .select_related("strategy__accountable_commissioner", "requested_by")
        .prefetch_related(
            "approvers", Prefetch("decisions", queryset=ApprovalDecision.objects.only("approver"))
        )
    )
    for request in requests:
        decided = {d.approver_id for d in request.decisions.all()}
        for approver in request.approvers.all():
            if approver.pk in decided:
                continue
            yield Due(
                f"approval:{request.pk}:user:{approver.pk}",
                [approver],
                f"Decide on {request.what} ({request.strategy.reference})",
                request.decision_due,
                f"{request.get_absolute_url()}#decide",
                [request.requested_by, request.strategy.accountable_commissioner],
            )


@source
def responses_due(since, until):
    awaiting = Recommendation.objects.filter(
        status=Recommendation.Status.AWAITING, response_due__gte=since, response_due__lte=until
    ).select_related("strategy", "board")
    awaiting = awaiting.prefetch_related(
        Prefetch("strategy__portfolio_holders", queryset=PortfolioHolder.objects.select_related("councillor"))
    )
    for recommendation in awaiting:
        chair = permissions.scrutiny_chair(recommendation.strategy)
        yield Due(
            f"recommendation:{recommendation.pk}",
            [h.councillor for h in recommendation.strategy.portfolio_holders.all()],
            f"Respond to {recommendation.board}'s recommendation on {recommendation.strategy.reference}",
            recommendation.response_due,
            reverse("members:respond", args=[recommendation.pk]),
            [chair] if chair else [],
        )
