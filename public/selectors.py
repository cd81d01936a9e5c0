"""Reads of the public site, shared by its pages and the open data API: boards and their members, the meetings
whose agendas are published (upcoming, past, by month), and what exists today of decisions and the forward
plan (public records only: nothing of a confidential plan)."""

import calendar
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Max, Prefetch
from django.utils import timezone

import gateway.selectors
import meetings.selectors
import members.callin
import members.permissions
import members.selectors
from meetings.models import Publication
from members.models import Board, BoardMembership

ROLE_ORDER = {
    BoardMembership.Role.CHAIR: 0,
    BoardMembership.Role.VICE_CHAIR: 1,
    BoardMembership.Role.MEMBER: 2,
}


def boards():
    memberships = BoardMembership.objects.select_related("member__councillor_profile")
    return Board.objects.prefetch_related(Prefetch("memberships", queryset=memberships)).order_by("name")


def members_of(board) -> list:
    """A board's members, chair first, then vice-chair, then by name."""
    return sorted(board.memberships.all(), key=lambda m: (ROLE_ORDER.get(m.role, 3), str(m.member)))


def published(board=None):
    found = meetings.selectors.published_meetings()
    return found.filter(board=board) if board else found


def upcoming(board=None, limit=None):
    found = published(board).filter(starts_at__gte=timezone.now()).order_by("starts_at", "pk")
    return found[:limit] if limit else found


def past(board=None, limit=None):
    found = published(board).filter(starts_at__lt=timezone.now()).order_by("-starts_at", "-pk")
    return found[:limit] if limit else found


def meeting(pk):
    """A published meeting (or None), with its latest version."""
    return published().filter(pk=pk).first()


def month(year: int, month_number: int):
    """The weeks of a month (Monday first), each day with its published meetings."""
    weeks = calendar.Calendar().monthdatescalendar(year, month_number)
    tz = timezone.get_current_timezone()
    first = timezone.make_aware(datetime.combine(weeks[0][0], time.min), tz)
    last = timezone.make_aware(datetime.combine(weeks[-1][-1] + timedelta(days=1), time.min), tz)
    by_day: dict[date, list] = {}
    for found in published().filter(starts_at__gte=first, starts_at__lt=last).order_by("starts_at"):
        by_day.setdefault(timezone.localtime(found.starts_at).date(), []).append(found)
    return [[(day, day.month == month_number, by_day.get(day, [])) for day in week] for week in weeks]


def version_stamp() -> str:
    """Changes whenever anything is published (or a pack built for a publication): the key of cached lists."""
    latest = Publication.objects.aggregate(p=Max("pk"), b=Max("build__packs__pk"))
    return f"{latest['p'] or 0}-{latest['b'] or 0}-{timezone.localdate().isoformat()}"


# What exists today of decisions and the forward plan: kept small, to be extended --------------------------------


def decisions(limit: int = 50) -> list:
    """Councillors' decision records that are public (none of a confidential plan), newest first, each with
    where its decision notice stands (members.callin.standing): "not yet in effect" while it may be called
    in, with the deadline, or while a call-in is open; in effect once the period ends or scrutiny concludes."""
    records = list(
        members.selectors.public_decision_records()
        .select_related("notice")
        .prefetch_related("notice__call_ins", "notice__outcomes")[:limit]
    )
    for record in records:
        try:
            record.standing = members.callin.standing(record.notice)
        except ObjectDoesNotExist:  # a decision recorded before notices were published
            record.standing = None
    return records


def key_decisions():
    """The key decisions on the forward plan from today (members: the 28 clear days' notice of reg. 9 of the
    Executive Arrangements (Meetings and Access to Information) (England) Regulations 2012), public ones only
    (nothing about a confidential plan), with their exceptions."""
    return members.selectors.forward_plan_entries(None, since=timezone.localdate())


def forward_plan(months: int = 4) -> list:
    """The decisions due in the coming months, from the gateway's forward plan, public ones only (only its
    decisions due are read)."""
    return gateway.selectors.forward_plan(
        months=months,
        today=timezone.localdate(),
        user=AnonymousUser(),
        kinds={gateway.selectors.DECISIONS_DUE.kind},
    )
