"""Meetings' part of "Your tasks" (commissioning.worklist): the coming meetings of one's boards, to read the
agenda and pack before (due the day of the meeting), and for administrators the coming agendas still to
publish (due by the statutory deadline, meetings.timetable). One query each."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from commissioning.worklist import Task, provider

from . import timetable
from .models import Meeting, Publication


def _coming(today):
    start = timezone.make_aware(timezone.datetime.combine(today, timezone.datetime.min.time()))
    return Meeting.objects.filter(
        starts_at__gte=start, starts_at__lt=start + timedelta(days=settings.TASKS_UPCOMING_DAYS)
    ).select_related("board")


@provider
def meetings_to_prepare(user, today):
    for meeting in _coming(today).filter(board__memberships__member=user).distinct():
        yield Task(
            "meeting",
            "Meeting to prepare for",
            f"Read the agenda and pack for {meeting.board}, {timezone.localtime(meeting.starts_at):%-d %B}",
            meeting.get_absolute_url(),
            timezone.localtime(meeting.starts_at).date(),
        )


@provider
def agendas_to_publish(user, today):
    if not user.is_administrator:
        return
    unpublished = _coming(today).exclude(Exists(Publication.objects.filter(meeting=OuterRef("pk"))))
    for meeting in unpublished:
        yield Task(
            "agenda",
            "Agenda to publish",
            f"Publish the agenda of {meeting.board}, {timezone.localtime(meeting.starts_at):%-d %B}",
            meeting.get_absolute_url(),
            timetable.deadline(meeting),
        )
