"""Demo County Council's meetings: each board's recent and coming meetings, on sitting days, each in its own
room and time, with the agenda that board considers at that point of the cycle (nothing about an archived
strategy), minutes of what was considered, and the scrutiny boards' work programmes (demo/data/meetings.yaml).
Used by `manage.py seed_demo`, after the members' business, through the meetings' services as the
administrator."""

import io
from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.dateformat import format as format_date
from pypdf import PdfReader

from commissioning import formatting
from meetings import services
from meetings.models import (
    AgendaItem,
    AgendaItemKind,
    Meeting,
    Pack,
    PackBuild,
    Publication,
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
    for model in [Publication, Pack, PackBuild, AgendaItem, Meeting, WorkProgrammeItem]:
        model.objects.all().delete()
        if hasattr(model, "history"):
            model.history.all().delete()


def meeting_days(board: str, today) -> tuple[list, object]:
    """The days of a board's recent meetings and of its next one (sitting days: demo/dates.py). Other
    seeders use it to date what is due at a meeting."""
    spec = SCHEDULE[board]
    past = [dates.sitting_day(today + timedelta(days=d), backwards=True) for d in spec["past"]]
    return past, dates.sitting_day(today + timedelta(days=spec["next"]))


def _appendix_pdf(title: str, paragraphs: int = 30) -> bytes:
    """A short report from a partner, as the PDF a clerk would upload (drawn by WeasyPrint)."""
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

    def _minutes(self, board, when, venue, items) -> str:
        words = MEETINGS["minutes"]
        opening = "\n\n".join(" ".join(paragraph.split()) for paragraph in words["opening"].split("\n\n"))
        lines = [
            opening.format(
                board=board.name,
                date=format_date(timezone.localtime(when), "l j F Y"),
                time=formatting.clock(timezone.localtime(when)),  # "10am": GOV.UK style, as every page
                venue=venue,
            )
        ]
        for n, fields in enumerate(items, start=2):
            lines.append(
                f"{n}. " + " ".join(words["items"][fields["kind"]].format(title=fields["title"]).split())
            )
        lines.append(f"{len(items) + 2}. {words['closing']}")
        return "\n\n".join(lines)

    def _meeting(self, key, when, items, past):
        board, venue = self.boards[key], SCHEDULE[key]["venue"]
        meeting = services.create_meeting(board=board, starts_at=when, venue=venue, acting_user=self.admin)
        for fields in items:
            services.add_item(meeting=meeting, acting_user=self.admin, **fields)
        if past:  # taken at the meeting, so written once it is set up, as democratic services do
            meeting = services.save_meeting(
                meeting=meeting,
                seen_version=meeting.version,
                starts_at=when,
                venue=venue,
                minutes=self._minutes(board, when, venue, items),
                acting_user=self.admin,
            )
        return meeting

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
