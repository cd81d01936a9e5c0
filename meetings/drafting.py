"""The minutes drafted from a meeting's record: who attended (present, apologies, absent, substitutes,
officers), the interests declared, and each item's discussion and resolution with its vote. Democratic
services edit the draft; the next meeting approves it as a correct record."""

from django.utils import dateformat, timezone
from django.utils.text import get_text_list

from commissioning import formatting

from .models import Attendance, Declaration, Outcome

Status = Attendance.Status


def _names(rows) -> str:
    return get_text_list([str(r) for r in rows], "and") if rows else "none"


def vote_line(resolution) -> str:
    if resolution.outcome == Outcome.NOTED:
        return "Noted."
    verb = "Carried" if resolution.outcome == Outcome.CARRIED else "Lost"
    if resolution.unanimous:
        return f"{verb} unanimously."
    return (
        f"{verb}: {resolution.votes_for} for, {resolution.votes_against} against, "
        f"{resolution.abstentions} abstaining."
    )


def draft(meeting) -> str:
    when = timezone.localtime(meeting.starts_at)
    attendance = list(meeting.attendance.select_related("person", "substitute_for"))
    by_status = {status: [a for a in attendance if a.status == status] for status in Status.values}
    items = list(
        meeting.items.select_related("resolution").prefetch_related(
            "declarations__member", "resolution__votes__member"
        )
    )
    lines = [
        f"Minutes of the meeting of {meeting.board} held at {meeting.venue} on "
        f"{dateformat.format(when, 'l j F Y')} at {formatting.clock(when)}.",
        f"Present: {_names(by_status[Status.PRESENT])}.",
        f"Substitutes: {_names(by_status[Status.SUBSTITUTE])}.",
        f"Apologies: {_names(by_status[Status.APOLOGIES])}.",
        f"Absent: {_names(by_status[Status.ABSENT])}.",
        # Officers are named with their job titles, so a semicolon between them.
        f"Officers in attendance: {'; '.join(str(a) for a in by_status[Status.OFFICER]) or 'none'}.",
    ]
    declared = [(i, d) for i in items for d in i.declarations.all() if d.kind != Declaration.Kind.NONE]
    lines.append(
        "Declarations of interest: "
        + (
            "; ".join(
                f"item {i.position}, {d.member}: {d.get_kind_display().lower()} ({d.text})"
                + (
                    f", with a dispensation ({d.dispensation})"
                    if d.dispensation
                    else ", and took no part in the vote"
                    if d.kind == Declaration.Kind.PECUNIARY
                    else ""
                )
                for i, d in declared
            )
            + "."
            if declared
            else "none."
        )
    )
    for item in items:
        lines.append(f"{item.position}. {item.title}")
        resolution = getattr(item, "resolution", None)
        if resolution is None:
            continue
        if resolution.discussion:
            lines.append(resolution.discussion.strip())
        if item.confidential:
            lines.append("(Exempt item: the resolution is recorded in the confidential minutes.)")
            continue
        said = "Motion (lost)" if resolution.outcome == Outcome.LOST else "Resolved"
        lines.append(f"{said}: {resolution.wording.strip()}")
        votes = list(resolution.votes.all())
        recorded = (
            " Recorded vote: " + "; ".join(f"{v.member} {v.get_way_display().lower()}" for v in votes) + "."
            if votes
            else ""
        )
        lines.append(vote_line(resolution) + recorded)
    return "\n\n".join(lines)
