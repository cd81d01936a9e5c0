"""Demo County Council's members: councillors, boards, who holds and scrutinises which strategies, and
the approvals, comments and recommendations of the past. Used by `manage.py seed_demo`.

Everything is written through members.services, as the people concerned, so rights, history, decision
records and notifications are the real thing; only the dates are then set back to when it happened.
"""

import io
from datetime import timedelta

from pypdf import PdfReader

from commissioning import roles

from . import records, services
from .models import (
    AgendaItem,
    AgendaItemKind,
    ApprovalDecision,
    ApprovalRequest,
    Board,
    BoardMembership,
    DecisionRecord,
    Meeting,
    Pack,
    PackBuild,
    PortfolioHolder,
    Recommendation,
    Referral,
    Rule,
    ScrutinyComment,
    Subject,
    WorkProgrammeItem,
)

USERS = [
    {
        "username": "cllr.hill",
        "first_name": "Martin",
        "last_name": "Hill",
        "job_title": "Leader of the Council, Resources and Communications",
        "roles": [roles.COUNCILLOR],
        "email": "cllr.martin.hill",
    },
    {
        "username": "cllr.khan",
        "first_name": "Nadia",
        "last_name": "Khan",
        "job_title": "Executive Councillor for Community Safety and Public Protection",
        "roles": [roles.COUNCILLOR],
        "email": "cllr.nadia.khan",
    },
    {
        "username": "cllr.okoro",
        "first_name": "Grace",
        "last_name": "Okoro",
        "job_title": "Vice-chairman, Overview and Scrutiny Management Board",
        "roles": [roles.SCRUTINY_MEMBER],
        "email": "cllr.grace.okoro",
    },
    {
        "username": "cllr.price",
        "first_name": "Alan",
        "last_name": "Price",
        "job_title": "Chairman, Adults and Community Wellbeing Scrutiny Committee",
        "roles": [roles.SCRUTINY_MEMBER],
        "email": "cllr.alan.price",
    },
]

# username: (ward, party, portfolio)
PROFILES = {
    "councillor": ("Sleaford Castle", "Conservative", "Adult Care, Health and Children's Services"),
    "councillor2": ("Boston Coastal", "Conservative", "Highways, Transport and the Economy"),
    "cllr.hill": ("Louth Wolds", "Conservative", "Leader of the Council; Resources and Communications"),
    "cllr.khan": ("Lincoln Park", "Independent", "Community Safety and Public Protection"),
    "scrutiny": ("Gainsborough Hill", "Labour", ""),
    "cllr.okoro": ("Lincoln Carholme", "Liberal Democrat", ""),
    "cllr.price": ("Spalding Elloe", "Conservative", ""),
}

EXECUTIVE = "Executive"
OSMB = "Overview and Scrutiny Management Board"
ADULTS = "Adults and Community Wellbeing Scrutiny Committee"
CHILDREN = "Children and Young People Scrutiny Committee"
GATEWAY = "Strategic Commissioning and Procurement Group"

# name: (kind, remit, [(username, role)])
BOARDS = {
    EXECUTIVE: (
        Board.Kind.EXECUTIVE,
        "Takes the council's executive decisions; its portfolio holders approve strategies and plans.",
        [
            ("cllr.hill", "chair"),
            ("councillor", "vice_chair"),
            ("councillor2", "member"),
            ("cllr.khan", "member"),
        ],
    ),
    OSMB: (
        Board.Kind.SCRUTINY_MANAGEMENT,
        "Co-ordinates scrutiny and scrutinises strategies that no themed committee covers.",
        [("scrutiny", "chair"), ("cllr.okoro", "vice_chair"), ("cllr.price", "member")],
    ),
    ADULTS: (
        Board.Kind.SCRUTINY_COMMITTEE,
        "Scrutinises adult care, community wellbeing and public health.",
        [("cllr.price", "chair"), ("scrutiny", "member"), ("cllr.okoro", "member")],
    ),
    CHILDREN: (
        Board.Kind.SCRUTINY_COMMITTEE,
        "Scrutinises children's services, education and safeguarding.",
        [("cllr.okoro", "chair"), ("scrutiny", "member")],
    ),
    GATEWAY: (
        Board.Kind.GATEWAY_PANEL,
        "Challenges key projects in the commissioning programme at each gateway.",
        [("gateway", "chair"), ("helen.marsh", "member")],
    ),
}

# directorate: (portfolio holders, scrutiny board)
ASSIGNMENTS = {
    "Adult Care and Community Wellbeing": (["councillor"], ADULTS),
    "Children's Services": (["councillor"], CHILDREN),
    "Public Health": (["councillor"], ADULTS),
    "Place": (["councillor2"], OSMB),
    "Fire and Rescue and Public Protection": (["cllr.khan"], OSMB),
    "Resources": (["cllr.hill", "councillor2"], OSMB),
}

REASONS = {
    Subject.OUTCOMES: "The outcomes follow from the needs assessment and are ones residents will recognise; "
    "the measures let us see whether they are achieved.",
    Subject.PLAN: "The preferred option scored best on outcomes and value for money, the others were fairly "
    "tested, and the commercial terms share risk sensibly.",
}


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
        self.boards: dict[str, Board] = {}

    def setup(self):
        for username, (ward, party, portfolio) in PROFILES.items():
            services.save_profile(
                user=self.users[username], ward=ward, party=party, portfolio=portfolio, acting_user=self.admin
            )
        for name, (kind, remit, members) in BOARDS.items():
            board = Board.objects.filter(name=name).first() or services.save_board(
                acting_user=self.admin, name=name, kind=kind, remit=remit
            )
            self.boards[name] = board
            for username, role in members:
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
                    reasons=REASONS[request.subject],
                    acting_user=holder,
                )
            request.refresh_from_db()
        _set_dates(request, when - timedelta(days=14), when - timedelta(days=2))
        return request

    def scrutiny(self, strategy, owner, when):
        """A question from scrutiny, the commissioner's answer, and a recommendation to the Executive."""
        chair = self.users["scrutiny"]
        question = services.add_comment(
            strategy=strategy,
            body="How will we know the outcomes are being achieved for the people furthest from services?",
            acting_user=chair,
        )
        services.add_comment(
            strategy=strategy,
            parent=question,
            body="Each measure will be reported by locality and by protected characteristic each quarter.",
            acting_user=owner,
        )
        recommendation = services.make_recommendation(
            strategy=strategy,
            text="That the Executive publishes the quarterly measures by locality, alongside the headline figures.",
            reasons="Averages hide the places where outcomes are worst; members need to see them.",
            acting_user=chair,
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
            response="Accepted: the measures will be published by locality from the next quarterly report.",
            acting_user=holder,
        )
        Recommendation.objects.filter(pk=recommendation.pk).update(responded_at=when)


def reset():
    """Delete every member record that refers to strategies or demo users (seed_demo --reset). A queryset
    delete does not go through Immutable.delete(): for a demo reset that is intended."""
    from django.contrib.auth.models import Group

    for model in [
        Pack,
        PackBuild,
        AgendaItem,
        Meeting,
        WorkProgrammeItem,
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
    boards = Board.objects.filter(name__in=list(BOARDS))
    group_ids = list(boards.values_list("group_id", flat=True))
    boards.delete()
    Group.objects.filter(pk__in=group_ids).delete()


# Meetings ----------------------------------------------------------------------------------------------------

MINUTES = (
    "Present: the members listed in the attendance record.\n\n"
    "1. Apologies and declarations of interest. None were received.\n\n"
    "2. The minutes of the previous meeting were agreed as a correct record and signed by the chair.\n\n"
    "3. Members considered the reports on the agenda, asked questions of the officers present and agreed "
    "the recommendations as set out, with the comments recorded against each item.\n\n"
    "4. Work programme. Members agreed the items for the next two meetings."
)


def _appendix_pdf(title: str, paragraphs: int = 30) -> bytes:
    """A short report from a partner, as the PDF a clerk would upload (drawn by WeasyPrint)."""
    from weasyprint import HTML

    body = "".join(
        f"<p>Finding {n}: residents told us what matters to them, and where services could do better.</p>"
        for n in range(1, paragraphs + 1)
    )
    return HTML(string=f"<html lang='en-GB'><title>{title}</title><h1>{title}</h1>{body}</html>").write_pdf()


class MeetingSeeder:
    """Past and coming meetings of every board, with full agendas, and the boards' work programmes."""

    def __init__(self, boards: dict[str, Board], admin, now):
        self.boards, self.admin, self.now = boards, admin, now

    def _meeting(self, board_name, days, venue, items, minutes=""):
        from django.utils import timezone

        when = timezone.localtime(self.now + timedelta(days=days)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
        meeting = services.create_meeting(
            self.boards[board_name], starts_at=when, venue=venue, acting_user=self.admin
        )
        for fields in items:
            services.add_item(meeting, acting_user=self.admin, **fields)
        if minutes:
            Meeting.objects.filter(pk=meeting.pk).update(minutes=minutes)
        return meeting

    def seed(self, strategies):
        """`strategies`: the demo's strategies (the first copy), in reference order."""
        from django.core.files.base import ContentFile

        from strategies.models import Stage

        with_plans = [s for s in strategies if s.stage in (Stage.PLAN, Stage.DO, Stage.REVIEW)]
        delivering = [s for s in strategies if s.stage in (Stage.DO, Stage.REVIEW)]
        reviewed = [s for s in strategies if s.gateway_reviews.exists()]
        kinds = AgendaItemKind

        # The Executive: the whole commissioning programme (every strategy, its plans and its highlight report).
        earlier = [{"kind": kinds.MINUTES, "title": "Minutes of the last meeting"}]
        earlier += [
            {"kind": kinds.STRATEGY, "title": f"{s.title}: the outcomes", "strategy": s}
            for s in strategies[:4]
        ]
        earlier.append({"kind": kinds.DECISIONS, "title": "Decisions taken since the last meeting"})
        self._meeting(EXECUTIVE, -42, "Committee Room One, County Offices", earlier, MINUTES)
        executive = [{"kind": kinds.MINUTES, "title": "Minutes of the last meeting"}]
        for s in strategies:
            executive.append({"kind": kinds.STRATEGY, "title": f"{s.title}: the outcomes", "strategy": s})
            if s in with_plans:
                executive.append(
                    {"kind": kinds.PLAN, "title": f"{s.title}: the commissioning plan", "strategy": s}
                )
            if s in delivering:
                executive.append(
                    {"kind": kinds.HIGHLIGHT, "title": f"{s.title}: highlight report", "strategy": s}
                )
        executive.append({"kind": kinds.DECISIONS, "title": "Decisions taken since the last meeting"})
        if with_plans:
            s = with_plans[0]
            executive.append(
                {
                    "kind": kinds.PLAN,
                    "title": f"{s.title}: commercial terms under negotiation",
                    "strategy": s,
                    "confidential": True,
                    "exemption": "3",
                }
            )
        self._meeting(EXECUTIVE, 16, "Committee Room One, County Offices", executive)

        # Scrutiny: each board's referred strategies, its recommendations, and a partner's report.
        for name in (OSMB, ADULTS, CHILDREN):
            board = self.boards[name]
            referred = [
                s for s in strategies if getattr(getattr(s, "referral", None), "board_id", None) == board.pk
            ]
            earlier = [{"kind": kinds.MINUTES, "title": "Minutes of the last meeting"}]
            earlier += [
                {"kind": kinds.STRATEGY, "title": f"{s.title}: proposed outcomes", "strategy": s}
                for s in referred[:2]
            ]
            earlier.append(
                {"kind": kinds.RECOMMENDATIONS, "title": "Recommendations to the Executive and responses"}
            )
            self._meeting(name, -35, "Council Chamber, County Offices", earlier, MINUTES)
            items = [{"kind": kinds.MINUTES, "title": "Minutes of the last meeting"}]
            for s in referred:
                items.append(
                    {"kind": kinds.STRATEGY, "title": f"{s.title}: proposed outcomes", "strategy": s}
                )
                if s in delivering:
                    items.append({"kind": kinds.HIGHLIGHT, "title": f"{s.title}: performance", "strategy": s})
            items.append(
                {"kind": kinds.RECOMMENDATIONS, "title": "Recommendations to the Executive and responses"}
            )
            items.append({"kind": kinds.DECISIONS, "title": "Executive decisions on referred strategies"})
            meeting = self._meeting(name, 23, "Council Chamber, County Offices", items)
            if name == ADULTS:
                pdf = _appendix_pdf("Healthwatch: what residents told us")
                item = services.add_item(
                    meeting,
                    acting_user=self.admin,
                    kind=kinds.DOCUMENT,
                    title="Healthwatch: what residents told us",
                    document=ContentFile(pdf, name="healthwatch-report.pdf"),
                    document_pages=len(PdfReader(io.BytesIO(pdf)).pages),
                )
                assert item.document_pages
            for s in referred[:2]:
                services.add_to_work_programme(
                    board,
                    acting_user=self.admin,
                    title=f"{s.title}: update report",
                    kind=kinds.HIGHLIGHT if s in delivering else kinds.STRATEGY,
                    strategy=s,
                    due_from=(self.now + timedelta(days=182)).date(),
                    notes="Agreed at the last meeting: an update in six months.",
                )

        # The gateway panel: its key projects' reviews.
        earlier = [{"kind": kinds.MINUTES, "title": "Notes of the last meeting"}]
        earlier += [
            {"kind": kinds.GATEWAY, "title": f"{s.title}: gateway review", "strategy": s}
            for s in reviewed[:2]
        ]
        self._meeting(GATEWAY, -28, "Meeting Room 4, County Offices", earlier, MINUTES)
        items = [{"kind": kinds.MINUTES, "title": "Notes of the last meeting"}]
        items += [
            {"kind": kinds.GATEWAY, "title": f"{s.title}: gateway review", "strategy": s} for s in reviewed
        ]
        self._meeting(GATEWAY, 9, "Meeting Room 4, County Offices", items)
