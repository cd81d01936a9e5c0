"""Demo County Council's members: councillors, boards, who holds and scrutinises which strategies, and
the approvals, comments and recommendations of the past (demo/data/members.yaml). Used by
`manage.py seed_demo`.

Everything is written through members.services, as the people concerned, so rights, history, decision
records and notifications are the real thing; only the dates are then set back to when it happened.
"""

from datetime import timedelta

from members import records, services
from members.models import (
    ApprovalDecision,
    ApprovalRequest,
    Board,
    BoardMembership,
    DecisionRecord,
    PortfolioHolder,
    Recommendation,
    Referral,
    Rule,
    ScrutinyComment,
    Subject,
)

from . import content

MEMBERS = content.load("members")
BOARDS = MEMBERS["boards"]  # key: name, kind, remit, members
ASSIGNMENTS = MEMBERS["assignments"]  # directorate: [portfolio holders, key of the scrutiny board]


def _set_dates(request, asked, decided):
    """Put a seeded request, its decisions and its record back at the time they happened."""
    ApprovalRequest.objects.filter(pk=request.pk).update(
        requested_at=asked, closed_at=decided if request.status != ApprovalRequest.Status.OPEN else None
    )
    ApprovalRequest.history.filter(id=request.pk).update(history_date=asked)
    ApprovalDecision.objects.filter(request=request).update(decided_at=decided)
    if request.status != ApprovalRequest.Status.OPEN:
        # The record's words carry the dates: write it again from the dated request.
        DecisionRecord.objects.filter(request=request).delete()
        request = ApprovalRequest.objects.select_related("strategy__directorate", "plan", "requested_by").get(
            pk=request.pk
        )
        records.write(request, list(request.decisions.select_related("approver")))


class MemberSeeder:
    def __init__(self, users: dict, admin):
        self.users = users
        self.admin = admin
        self.boards: dict[str, Board] = {}  # by their key in members.yaml

    def setup(self):
        for username, (ward, party, portfolio) in MEMBERS["profiles"].items():
            services.save_profile(
                user=self.users[username], ward=ward, party=party, portfolio=portfolio, acting_user=self.admin
            )
        for key, spec in BOARDS.items():
            board = Board.objects.filter(name=spec["name"]).first() or services.save_board(
                acting_user=self.admin, name=spec["name"], kind=spec["kind"], remit=spec["remit"]
            )
            self.boards[key] = board
            for username, role in spec["members"]:
                if not BoardMembership.objects.filter(board=board, member=self.users[username]).exists():
                    services.add_member(
                        board=board, member=self.users[username], role=role, acting_user=self.admin
                    )

    def assign(self, strategy):
        holders, board = ASSIGNMENTS[strategy.directorate.name]
        services.assign_councillors(
            strategy=strategy,
            portfolio_holders=[self.users[name] for name in holders],
            board=self.boards[board],
            acting_user=self.admin,
        )

    def holders(self, strategy):
        return [self.users[name] for name in ASSIGNMENTS[strategy.directorate.name][0]]

    def approve(self, strategy, owner, when, plan=None, decide=True):
        """Councillors' approval of the outcomes (or of `plan`), asked a fortnight before `when`."""
        holders = self.holders(strategy)
        request = services.request_approval(
            strategy=strategy,
            subject=Subject.PLAN if plan else Subject.OUTCOMES,
            plan=plan,
            approvers=holders,
            rule=Rule.ALL if len(holders) > 1 else Rule.ANY,
            note="For the Executive's meeting." if decide else "For the next Executive meeting.",
            acting_user=owner,
        )
        if decide:
            for n, holder in enumerate(holders):
                services.decide(
                    request_id=request.pk,
                    seen_content_hash=request.content_hash,
                    kind=ApprovalDecision.Kind.APPROVE_WITH_COMMENTS if n else ApprovalDecision.Kind.APPROVE,
                    reasons=MEMBERS["reasons"][request.subject],
                    acting_user=holder,
                )
            request.refresh_from_db()
        _set_dates(request, when - timedelta(days=14), when - timedelta(days=2))
        return request

    def scrutiny(self, strategy, owner, when):
        """A question from scrutiny, the commissioner's answer, and a recommendation to the Executive."""
        chair = self.users["scrutiny"]
        words = MEMBERS["scrutiny"]
        question = services.add_comment(strategy=strategy, body=words["question"], acting_user=chair)
        services.add_comment(strategy=strategy, parent=question, body=words["answer"], acting_user=owner)
        recommendation = services.make_recommendation(
            strategy=strategy, text=words["recommendation"], reasons=words["reasons"], acting_user=chair
        )
        ScrutinyComment.objects.filter(strategy=strategy).update(created_at=when)
        Recommendation.objects.filter(pk=recommendation.pk).update(
            made_at=when, response_due=(when + timedelta(days=61)).date()
        )
        return recommendation

    def respond(self, recommendation, holder, when):
        recommendation = Recommendation.objects.get(pk=recommendation.pk)
        services.respond(
            recommendation=recommendation,
            seen_version=recommendation.version,
            status=Recommendation.Status.ACCEPTED,
            response=MEMBERS["scrutiny"]["response"],
            acting_user=holder,
        )
        Recommendation.objects.filter(pk=recommendation.pk).update(responded_at=when)


def reset():
    """Delete every member record that refers to strategies or demo users (seed_demo --reset), after the
    meetings (seed_meetings.reset). A queryset delete does not go through Immutable.delete(): for a demo
    reset that is intended."""
    from django.contrib.auth.models import Group

    for model in [
        DecisionRecord,
        ApprovalDecision,
        ApprovalRequest,
        Recommendation,
        ScrutinyComment,
        Referral,
        PortfolioHolder,
    ]:
        model.objects.all().delete()
        if hasattr(model, "history"):
            model.history.all().delete()
    boards = Board.objects.filter(name__in=[spec["name"] for spec in BOARDS.values()])
    group_ids = list(boards.values_list("group_id", flat=True))
    boards.delete()
    Group.objects.filter(pk__in=group_ids).delete()
