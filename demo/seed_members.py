"""Demo County Council's members: councillors, boards, who holds and scrutinises which strategies, and
the approvals, comments and recommendations of the past (demo/data/members.yaml). Used by
`manage.py seed_demo`.

Everything is written through members.services, as the people concerned, so rights, history, decision
records and notifications are the real thing; only the dates are then set back to when it happened.
"""

from datetime import datetime, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone

from members import callin, records, services
from members.models import (
    ApprovalDecision,
    ApprovalRequest,
    Board,
    BoardMembership,
    CallIn,
    CallInOutcome,
    DecisionNotice,
    DecisionRecord,
    Declaration,
    Dispensation,
    ForwardPlanEntry,
    Interest,
    KeyDecisionException,
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


def _set_dates(request, asked, decided, due):
    """Put a seeded request, its decisions and its record back at the time they happened; `due`: the day
    of the Executive meeting the decision is needed for."""
    ApprovalRequest.objects.filter(pk=request.pk).update(
        requested_at=asked,
        closed_at=decided if request.status != ApprovalRequest.Status.OPEN else None,
        decision_due=due,
    )
    ApprovalRequest.history.filter(id=request.pk).update(history_date=asked)
    ApprovalDecision.objects.filter(request=request).update(decided_at=decided)
    if request.status != ApprovalRequest.Status.OPEN:
        # The record's words carry the dates: write it again from the dated request, and publish its notice
        # (with its call-in period) when it was decided.
        DecisionNotice.objects.filter(record__request=request).delete()
        DecisionRecord.objects.filter(request=request).delete()
        request = ApprovalRequest.objects.select_related("strategy__directorate", "plan", "requested_by").get(
            pk=request.pk
        )
        record = records.write(request, list(request.decisions.select_related("approver")))
        DecisionNotice.objects.create(
            record=record,
            published_at=decided,
            call_in_ends=callin.call_in_ends(timezone.localdate(decided)),
            members_needed=settings.CALL_IN_MEMBERS_NEEDED,
        )


def scrutiny_board_name(directorate: str) -> str:
    """The name of the board that scrutinises a directorate's strategies."""
    return BOARDS[ASSIGNMENTS[directorate][1]]["name"]


def kind_words(kind) -> str:
    """The key in members.yaml of what an approver says deciding `kind`, other than approving."""
    return {
        ApprovalDecision.Kind.REFUSE: "refused",
        ApprovalDecision.Kind.REQUEST_CHANGES: "changes_requested",
    }[kind]


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

    def approve(self, strategy, owner, when, plan=None, decide=True, kind=None, due=None, effective_by=None):
        """Councillors' decision on the outcomes (or on `plan`), asked a fortnight before `when` and needed
        by `due` (the day before `when`, unless given). Every holder approves, unless `kind`: then the first
        decides that (refuses, or asks for changes). A plan with several holders is decided by a majority.
        `effective_by`: a move that acts on the approval, so its call-in period ends before then."""
        holders = self.holders(strategy)
        rule = Rule.ANY
        if len(holders) > 1:
            rule = Rule.MAJORITY if plan else Rule.ALL
        request = services.request_approval(
            strategy=strategy,
            subject=Subject.PLAN if plan else Subject.OUTCOMES,
            plan=plan,
            approvers=holders,
            rule=rule,
            note="For the Executive's meeting." if decide else "For the next Executive meeting.",
            acting_user=owner,
        )
        if decide:
            for n, holder in enumerate(holders):
                if kind and n == 0:
                    decision, reasons = kind, MEMBERS[kind_words(kind)]
                else:
                    decision = (
                        ApprovalDecision.Kind.APPROVE_WITH_COMMENTS if n else ApprovalDecision.Kind.APPROVE
                    )
                    reasons = MEMBERS["reasons"][request.subject]
                services.decide(
                    request_id=request.pk,
                    seen_content_hash=request.content_hash,
                    kind=decision,
                    reasons=reasons,
                    acting_user=holder,
                )
                request.refresh_from_db()
                if not request.is_open:
                    break
        decided = when - timedelta(days=2)
        if effective_by is not None:  # decided early enough for its call-in period to end before then
            while callin.call_in_ends(timezone.localdate(decided)) >= timezone.localdate(effective_by):
                decided -= timedelta(days=1)
        _set_dates(
            request,
            min(when - timedelta(days=14), decided - timedelta(days=1)),
            decided,
            due or (when - timedelta(days=1)).date(),
        )
        return request

    def scrutiny(self, strategy, owner, when):
        """A question from scrutiny, the commissioner's answer, and a recommendation to the Executive: each
        exchange in turn from members.yaml, so no two read the same."""
        chair = self.users["scrutiny"]
        words = MEMBERS["scrutiny"][Recommendation.objects.count() % len(MEMBERS["scrutiny"])]
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
        words = next(w for w in MEMBERS["scrutiny"] if w["recommendation"] == recommendation.text)
        services.respond(
            recommendation=recommendation,
            seen_version=recommendation.version,
            status=Recommendation.Status.ACCEPTED,
            response=words["response"],
            acting_user=holder,
        )
        Recommendation.objects.filter(pk=recommendation.pk).update(responded_at=when)

    def key_decision(self, request, owner, published, exception_on=None):
        """Mark an awaiting request as a key decision on the forward plan since `published`, with a general
        exception made public on `exception_on` (the chair of scrutiny told the same day)."""
        ApprovalRequest.objects.filter(pk=request.pk).update(key_decision=True)
        request = ApprovalRequest.objects.select_related("strategy", "plan").get(pk=request.pk)
        strategy = request.strategy
        words = MEMBERS["forward_plan"]
        entry = services.publish_forward_plan_entry(
            strategy=strategy,
            subject=request.subject,
            plan=request.plan,
            matter=words["matter"].replace("{strategy}", str(strategy)),
            decision_maker=words["decision_maker"],
            expected_on=request.decision_due,
            published_on=published,
            acting_user=owner,
        )
        ForwardPlanEntry.objects.filter(pk=entry.pk).update(
            created_at=timezone.make_aware(datetime.combine(published, datetime.min.time()))
        )
        if exception_on:
            exception = services.record_key_decision_exception(
                entry_id=entry.pk,
                kind=KeyDecisionException.Kind.GENERAL_EXCEPTION,
                chair_told_on=exception_on,
                published_on=exception_on,
                reasons=words["general_exception"],
                acting_user=self.admin,
            )
            KeyDecisionException.objects.filter(pk=exception.pk).update(
                recorded_at=timezone.make_aware(datetime.combine(exception_on, datetime.min.time()))
                + timedelta(hours=15)
            )
        return entry

    def call_in(self, request, decided, outcome_at):
        """Scrutiny members call in a decision the day after it was published; the chair records scrutiny's
        conclusion at `outcome_at` (members.yaml call_in)."""
        notice = DecisionNotice.objects.get(record__request=request)
        ends = notice.call_in_ends
        # Called in while the period ran: opened again for the services' checks, then dated back.
        DecisionNotice.objects.filter(pk=notice.pk).update(call_in_ends=timezone.localdate())
        words = MEMBERS["call_in"]
        for n, spec in enumerate(words["members"]):
            member = self.users[spec["member"]]
            made = services.call_in(notice_id=notice.pk, reasons=spec["reasons"], acting_user=member)
            CallIn.objects.filter(pk=made.pk).update(made_at=decided + timedelta(days=1, hours=n))
        board = services.permissions.scrutiny_board_for(request.strategy)
        chair = board.memberships.get(role=BoardMembership.Role.CHAIR).member
        outcome = services.record_call_in_outcome(
            notice_id=notice.pk,
            outcome=CallInOutcome.Outcome.NO_FURTHER_ACTION,
            reasons=words["outcome"],
            acting_user=chair,
        )
        CallInOutcome.objects.filter(pk=outcome.pk).update(recorded_at=outcome_at)
        DecisionNotice.objects.filter(pk=notice.pk).update(call_in_ends=ends)
        return notice


def seed_interests(users: dict, admin, strategies: dict, now) -> None:
    """Members' registers of interests and a dispensation (members.yaml `interests`, `dispensations`), each
    written as the member or democratic services would, then dated; `strategies`: by number, the first copy."""
    today = now.date()
    made = []
    for spec in MEMBERS["interests"]:
        member = users[spec["member"]]
        interest = services.save_interest(
            member=member,
            acting_user=admin if spec.get("sensitive") else member,
            changes={
                "category": spec["category"],
                "held_by": spec.get("held_by", Interest.HeldBy.MEMBER),
                "body": spec["body"],
                "description": spec.get("description", ""),
                "providers": "\n".join(spec.get("providers", [])),
                "value": Decimal(str(spec["value"])) if "value" in spec else None,
                "arose_on": today - timedelta(days=spec["days_ago"]),
                "sensitive": spec.get("sensitive", False),
            },
        )
        when = now - timedelta(days=spec["days_ago"])
        Interest.objects.filter(pk=interest.pk).update(created_at=when, updated_at=when)
        Interest.history.filter(id=interest.pk).update(history_date=when)
        made.append(interest)
    for spec in MEMBERS["dispensations"]:
        granted = today - timedelta(days=spec["days_ago"])
        services.record_dispensation(
            member=users[spec["member"]],
            purpose=spec["purpose"],
            granted_by=spec["granted_by"],
            granted_on=granted,
            valid_from=granted,
            valid_until=granted + relativedelta(years=spec["years"]) - timedelta(days=1),
            strategy=strategies.get(spec["strategy"]),
            interest=made[spec["interest"]],
            acting_user=admin,
        )


def reset():
    """Delete every member record that refers to strategies or demo users (seed_demo --reset), after the
    meetings (seed_meetings.reset). A queryset delete does not go through Immutable.delete(): for a demo
    reset that is intended."""
    from django.contrib.auth.models import Group

    for model in [
        Declaration,
        Dispensation,
        Interest,
        CallInOutcome,
        CallIn,
        DecisionNotice,
        KeyDecisionException,
        ForwardPlanEntry,
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
