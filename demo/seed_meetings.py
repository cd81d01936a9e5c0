"""Demo County Council's meetings: each board's recent and coming meetings, on sitting days, each in its own
room and time, with the agenda that board considers at that point of the cycle (nothing about an archived
strategy), minutes of what was considered, and the scrutiny boards' work programmes (demo/data/meetings.yaml).
Used by `manage.py seed_demo`, after the members' business, through the meetings' services as the
administrator."""

import io
from datetime import datetime, time, timedelta
from functools import cache

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfReader

from meetings import services
from meetings.models import (
    AgendaItem,
    AgendaItemKind,
    Attendance,
    BoardQuorum,
    Declaration,
    Meeting,
    MinutesVersion,
    Outcome,
    Pack,
    PackBuild,
    Publication,
    Resolution,
    Vote,
    WorkProgrammeItem,
)
from members.models import ApprovalRequest, Recommendation, Subject
from strategies.models import Stage, TransitionLog

from . import content, dates

MEETINGS = content.load("meetings")
SCHEDULE = MEETINGS["schedule"]
PUBLICATION = MEETINGS["publication"]
# The boards, by their key in members.yaml.
EXECUTIVE = "executive"
GATEWAY = "gateway"
SCRUTINY = ("osmb", "adults", "children")


def reset():
    """Delete every meeting, agenda, pack and work programme item (seed_demo --reset), before the members'
    records they refer to."""
    business = [MinutesVersion, Vote, Resolution, Declaration, Attendance, BoardQuorum]
    for model in [*business, Publication, Pack, PackBuild, AgendaItem, Meeting, WorkProgrammeItem]:
        model.objects.all().delete()
        if hasattr(model, "history"):
            model.history.all().delete()


def meeting_days(board: str, today) -> tuple[list, object]:
    """The days of a board's recent meetings and of its next one (sitting days: demo/dates.py). Other
    seeders use it to date what is due at a meeting."""
    spec = SCHEDULE[board]
    past = [dates.sitting_day(today + timedelta(days=d), backwards=True) for d in spec["past"]]
    return past, dates.sitting_day(today + timedelta(days=spec["next"]))


@cache
def _appendix_pdf(title: str, paragraphs: int = 30) -> bytes:
    """A short report from a partner, as the PDF a clerk would upload (drawn by WeasyPrint, once a process:
    the tests seed several councils)."""
    from weasyprint import HTML

    finding = MEETINGS["appendix"]["finding"]
    body = "".join(f"<p>Finding {n}: {finding}</p>" for n in range(1, paragraphs + 1))
    return HTML(string=f"<html lang='en-GB'><title>{title}</title><h1>{title}</h1>{body}</html>").write_pdf()


class MeetingSeeder:
    """Each board's recent and coming meetings, with their agendas and minutes, and the work programmes."""

    def __init__(self, boards: dict, admin, now):
        """`boards`: the boards by their key in members.yaml (MemberSeeder.boards)."""
        self.boards, self.admin, self.now = boards, admin, now
        self.today = timezone.localdate(now)
        self.taken: set[tuple[str, datetime]] = set()  # (venue, start): one meeting in a room at a time
        self.coming: dict = {}  # the next meeting of each board whose agenda is published, by board key

    # When and where -----------------------------------------------------------------------------------

    def _start(self, board: str, day, backwards: bool) -> datetime:
        spec = SCHEDULE[board]
        hour, minute = (int(part) for part in spec["time"].split(":"))
        while True:
            moment = timezone.make_aware(datetime.combine(day, time(hour, minute)))
            if (spec["venue"], moment) not in self.taken:
                self.taken.add((spec["venue"], moment))
                return moment
            day = dates.sitting_day(day + timedelta(days=-1 if backwards else 1), backwards=backwards)

    def _meeting(self, key, when, items, past):
        board, venue = self.boards[key], SCHEDULE[key]["venue"]
        meeting = services.create_meeting(board=board, starts_at=when, venue=venue, acting_user=self.admin)
        for fields in items:
            services.add_item(meeting=meeting, acting_user=self.admin, **fields)
        if past:  # recorded at the meeting, its minutes drafted from that record, as democratic services do
            self._business(key, meeting)
        return meeting

    # What was recorded at a past meeting ------------------------------------------------------------------

    def _people(self, key) -> dict:
        spec = MEETINGS["business"]
        names = set(spec["apologies"].get(key, []))
        names |= {n for pair in spec["substitutes"].get(key, []) for n in pair}
        names |= {row[0] for part in ("officers", "declarations") for row in spec[part].get(key, [])}
        return {u.username: u for u in get_user_model().objects.filter(username__in=names)}

    def _settled(self, item, meeting):
        """The approval this item of the Executive was for: of its strategy and subject, due at the meeting."""
        if item.kind not in (AgendaItemKind.STRATEGY, AgendaItemKind.PLAN) or not item.strategy_id:
            return None
        subject = Subject.OUTCOMES if item.kind == AgendaItemKind.STRATEGY else Subject.PLAN
        status = ApprovalRequest.Status
        return (
            ApprovalRequest.objects.filter(
                strategy_id=item.strategy_id,
                subject=subject,
                decision_due=timezone.localdate(meeting.starts_at),
                status__in=[status.APPROVED, status.REFUSED, status.CHANGES_REQUESTED],
            )
            .select_related("strategy", "plan")
            .first()
        )

    def _business(self, key, meeting):
        """The attendance (apologies, a substitute, officers), the interests declared and a resolution on each
        item, settling the approvals decided there; the last meeting's minutes approved; then this meeting's
        minutes drafted from that record (demo/data/meetings.yaml, business)."""
        spec, words = MEETINGS["business"], MEETINGS["minutes"]["items"]
        people, admin = self._people(key), self.admin
        away = set(spec["apologies"].get(key, []))
        members = [m.member for m in meeting.board.memberships.select_related("member")]
        services.record_attendance(
            meeting=meeting,
            statuses={m.pk: Attendance.Status.APOLOGIES if m.username in away else Attendance.Status.PRESENT
                      for m in members},
            acting_user=admin,
        )  # fmt: skip
        for who, whom in spec["substitutes"].get(key, []):
            services.add_attendee(
                meeting=meeting, person=people[who], status=Attendance.Status.SUBSTITUTE,
                substitute_for=people[whom], acting_user=admin,
            )  # fmt: skip
        for who, role in spec["officers"].get(key, []):
            services.add_attendee(
                meeting=meeting,
                person=people[who],
                status=Attendance.Status.OFFICER,
                role=role,
                acting_user=admin,
            )
        items = list(meeting.items.select_related("strategy").order_by("position"))
        about_strategy = next((i for i in items if i.strategy_id), None)
        for who, kind, text in spec["declarations"].get(key, []) if about_strategy else []:
            services.record_declaration(
                item=about_strategy, member=people[who], kind=kind, text=text, acting_user=admin
            )
        present, _ = services.quorum(meeting)
        for item in items:
            if item.kind == AgendaItemKind.MINUTES:
                if services.previous_meeting(meeting) is not None:
                    services.approve_minutes(item=item, acting_user=admin)
                continue
            discussion = " ".join(words[item.kind].format(title=item.title).split())
            request = self._settled(item, meeting)
            if request is None:
                services.record_resolution(
                    item=item, wording=spec["noted"][item.kind], outcome=Outcome.NOTED, discussion=discussion,
                    acting_user=admin,
                )  # fmt: skip
                continue
            refused = request.status == ApprovalRequest.Status.REFUSED
            services.record_resolution(
                item=item,
                wording=spec["approvals"][request.status].format(what=request.what),
                outcome=Outcome.LOST if refused else Outcome.CARRIED,
                unanimous=not refused,
                votes_for=0 if refused else None,
                votes_against=present if refused else None,
                abstentions=0 if refused else None,
                discussion=discussion,
                settles=[request],
                acting_user=admin,
            )
        services.draft_minutes(meeting=meeting, acting_user=admin)

    # What each board considers ------------------------------------------------------------------------

    def _stage_at(self, strategy, moment):
        """The strategy's stage at `moment` (None before it existed)."""
        if strategy.created_at > moment:
            return None
        logs = [log for log in self.logs.get(strategy.pk, []) if log.at <= moment]
        return logs[-1].target if logs else Stage.ANALYSE

    def _executive(self, strategies, when):
        """The approvals due at this meeting (outcomes and plans), the highlight reports of delivery, and the
        decisions portfolio holders took on their own since the last meeting."""
        kinds = AgendaItemKind
        items = [{"kind": kinds.MINUTES, "title": "Minutes of the last meeting"}]
        requests = (
            ApprovalRequest.objects.filter(strategy__in=strategies, decision_due=when.date())
            .exclude(status=ApprovalRequest.Status.WITHDRAWN)
            .select_related("strategy", "plan")
            .order_by("strategy__reference", "subject", "pk")
        )
        for request in requests:
            s = request.strategy
            if request.subject == Subject.OUTCOMES:
                items.append({"kind": kinds.STRATEGY, "title": f"{s.title}: the outcomes", "strategy": s})
            else:
                items.append({"kind": kinds.PLAN, "title": f"{s.title}: {request.plan.title}", "strategy": s})
        for s in strategies:
            if self._stage_at(s, when) == Stage.DO:
                items.append(
                    {"kind": kinds.HIGHLIGHT, "title": f"{s.title}: highlight report", "strategy": s}
                )
        items.append({"kind": kinds.DECISIONS, "title": "Decisions taken since the last meeting"})
        return items

    def _scrutiny(self, strategies, when):
        """Pre-decision scrutiny of outcomes in Analyse, the performance of delivery, and recommendations."""
        kinds = AgendaItemKind
        items = [{"kind": kinds.MINUTES, "title": "Minutes of the last meeting"}]
        for s in strategies:
            stage = self._stage_at(s, when)
            if stage == Stage.ANALYSE:
                items.append(
                    {"kind": kinds.STRATEGY, "title": f"{s.title}: proposed outcomes", "strategy": s}
                )
            elif stage == Stage.DO:
                items.append({"kind": kinds.HIGHLIGHT, "title": f"{s.title}: performance", "strategy": s})
        if Recommendation.objects.filter(strategy__in=strategies, made_at__lt=when).exists():
            items.append(
                {"kind": kinds.RECOMMENDATIONS, "title": "Recommendations to the Executive and responses"}
            )
        if ApprovalRequest.objects.filter(strategy__in=strategies, closed_at__lt=when).exists():
            items.append({"kind": kinds.DECISIONS, "title": "Executive decisions on referred strategies"})
        return items

    def _gateway(self, strategies, when):
        kinds = AgendaItemKind
        items = [{"kind": kinds.MINUTES, "title": "Notes of the last meeting"}]
        for s in strategies:
            if s.gateway_reviews.filter(scheduled_for=when.date()).exists():
                items.append({"kind": kinds.GATEWAY, "title": f"{s.title}: gateway review", "strategy": s})
        return items

    def publish(self):
        """Publish the coming meetings' agendas, then a supplement for one board: an item added after its agenda
        was published. Each publication queues its public pack's build (the worker of `make run` builds it)."""
        for meeting in self.coming.values():
            services.publish_agenda(meeting=meeting, acting_user=self.admin)
        supplement = PUBLICATION["supplement"]
        meeting = self.coming[supplement["board"]]
        services.add_item(meeting=meeting, acting_user=self.admin, **supplement["item"])
        services.publish_agenda(meeting=meeting, acting_user=self.admin)

    def seed(self, strategies):
        """`strategies`: the demo's strategies (the first copy), in reference order."""
        current = [s for s in strategies if s.stage != Stage.ARCHIVED]  # nothing about an archived strategy
        self.logs = {}
        for log in TransitionLog.objects.filter(strategy__in=current).order_by("at", "pk"):
            self.logs.setdefault(log.strategy_id, []).append(log)
        kinds = AgendaItemKind
        for key in (EXECUTIVE, *SCRUTINY, GATEWAY):
            past, coming = meeting_days(key, self.today)
            board = self.boards[key]
            referred = [
                s for s in current if getattr(getattr(s, "referral", None), "board_id", None) == board.pk
            ]
            for day, is_past in [*((d, True) for d in sorted(past)), (coming, False)]:
                when = self._start(key, day, backwards=is_past)
                if key == EXECUTIVE:
                    items = self._executive(current, when)
                    # A plan sent back for changes: its commercial terms are being negotiated again.
                    sent_back = ApprovalRequest.objects.filter(
                        strategy__in=current, status=ApprovalRequest.Status.CHANGES_REQUESTED
                    ).select_related("strategy")
                    if not is_past and sent_back:
                        s = sent_back[0].strategy
                        items.append(
                            {
                                "kind": kinds.PLAN,
                                "title": f"{s.title}: commercial terms under negotiation",
                                "strategy": s,
                                "confidential": True,
                                "exemption": "3",
                            }
                        )
                elif key == GATEWAY:
                    items = self._gateway(current, when)
                else:
                    items = self._scrutiny(referred, when)
                meeting = self._meeting(key, when, items, past=is_past)
                if key == "adults" and not is_past:
                    title = MEETINGS["appendix"]["title"]
                    pdf = _appendix_pdf(title)
                    item = services.add_item(
                        meeting=meeting,
                        acting_user=self.admin,
                        kind=kinds.DOCUMENT,
                        title=title,
                        document=ContentFile(pdf, name="healthwatch-report.pdf"),
                        document_pages=len(PdfReader(io.BytesIO(pdf)).pages),
                    )
                    assert item.document_pages
            if key in PUBLICATION["publish"]:
                self.coming[key] = meeting
            if key in SCRUTINY:
                for s in referred[:2]:
                    services.add_to_work_programme(
                        board=board,
                        acting_user=self.admin,
                        title=f"{s.title}: update report",
                        kind=kinds.HIGHLIGHT if s.stage == Stage.DO else kinds.STRATEGY,
                        strategy=s,
                        due_from=(self.now + timedelta(days=182)).date(),
                        notes="Agreed at the last meeting: an update in six months.",
                    )
