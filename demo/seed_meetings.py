"""Demo County Council's meetings: past and coming meetings of every board, with full agendas, and the
boards' work programmes (demo/data/meetings.yaml). Used by `manage.py seed_demo`, after the members'
business, through the meetings' services as the administrator."""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfReader

from meetings import services
from meetings.models import AgendaItem, AgendaItemKind, Meeting, Pack, PackBuild, WorkProgrammeItem
from strategies.models import Stage

from . import content

MEETINGS = content.load("meetings")
# The boards, by their key in members.yaml.
EXECUTIVE = "executive"
OSMB = "osmb"
ADULTS = "adults"
CHILDREN = "children"
GATEWAY = "gateway"


def reset():
    """Delete every meeting, agenda, pack and work programme item (seed_demo --reset), before the members'
    records they refer to."""
    for model in [Pack, PackBuild, AgendaItem, Meeting, WorkProgrammeItem]:
        model.objects.all().delete()
        if hasattr(model, "history"):
            model.history.all().delete()


def _appendix_pdf(title: str, paragraphs: int = 30) -> bytes:
    """A short report from a partner, as the PDF a clerk would upload (drawn by WeasyPrint)."""
    from weasyprint import HTML

    finding = MEETINGS["appendix"]["finding"]
    body = "".join(f"<p>Finding {n}: {finding}</p>" for n in range(1, paragraphs + 1))
    return HTML(string=f"<html lang='en-GB'><title>{title}</title><h1>{title}</h1>{body}</html>").write_pdf()


class MeetingSeeder:
    """Past and coming meetings of every board, with full agendas, and the boards' work programmes."""

    def __init__(self, boards: dict, admin, now):
        """`boards`: the boards by their key in members.yaml (MemberSeeder.boards)."""
        self.boards, self.admin, self.now = boards, admin, now

    def _meeting(self, board, days, venue, items, minutes=""):
        when = timezone.localtime(self.now + timedelta(days=days)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
        meeting = services.create_meeting(
            board=self.boards[board], starts_at=when, venue=venue, acting_user=self.admin
        )
        for fields in items:
            services.add_item(meeting=meeting, acting_user=self.admin, **fields)
        if minutes:  # taken at the meeting, so written once it is set up, as democratic services do
            meeting = services.save_meeting(
                meeting=meeting,
                seen_version=meeting.version,
                starts_at=when,
                venue=venue,
                minutes=minutes,
                acting_user=self.admin,
            )
        return meeting

    def seed(self, strategies):
        """`strategies`: the demo's strategies (the first copy), in reference order."""
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
        self._meeting(EXECUTIVE, -42, "Committee Room One, County Offices", earlier, MEETINGS["minutes"])
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
            self._meeting(name, -35, "Council Chamber, County Offices", earlier, MEETINGS["minutes"])
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
            for s in referred[:2]:
                services.add_to_work_programme(
                    board=board,
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
        self._meeting(GATEWAY, -28, "Meeting Room 4, County Offices", earlier, MEETINGS["minutes"])
        items = [{"kind": kinds.MINUTES, "title": "Notes of the last meeting"}]
        items += [
            {"kind": kinds.GATEWAY, "title": f"{s.title}: gateway review", "strategy": s} for s in reviewed
        ]
        self._meeting(GATEWAY, 9, "Meeting Room 4, County Offices", items)
