"""Members' periodic jobs (Celery beat, settings.CELERY_BEAT_SCHEDULE)."""

from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from commissioning import formatting
from commissioning.notifications import notify


def municipal_year_start(today: date) -> date:
    start = date(today.year, settings.MUNICIPAL_YEAR_START_MONTH, 1)
    return start if today >= start else date(today.year - 1, settings.MUNICIPAL_YEAR_START_MONTH, 1)


def review_reminders(today: date) -> list[tuple]:
    """The reminders due today: (member, stage, the day it is for). A member is reminded to review their
    register INTERESTS_REVIEW_DAYS after it last changed (within a week of that day, so a job missed for a
    day or two still sends it) and in the first INTERESTS_REVIEW_DAYS of each municipal year."""
    from .selectors import members_with_registers

    days = settings.INTERESTS_REVIEW_DAYS
    people = list(members_with_registers().filter(is_active=True).order_by("pk"))
    changed = dict(
        members_with_registers()
        .filter(pk__in=[p.pk for p in people])
        .annotate(last=Max("interests__updated_at"))
        .values_list("pk", "last")
    )
    due = []
    year = municipal_year_start(today)
    for person in people:
        last = changed.get(person.pk)
        if last is not None:
            day = timezone.localtime(last).date() + timedelta(days=days)
            if day <= today < day + timedelta(days=7):
                due.append((person, "change", timezone.localtime(last).date()))
        if today < year + timedelta(days=days):
            due.append((person, "year", year))
    return due


@shared_task
def remind_interest_reviews() -> int:
    """Remind members to review their registers of interests: once for each change and each municipal year
    (the notification's key says which, so running twice sends nothing twice)."""
    sent = 0
    for person, stage, day in review_reminders(timezone.localdate()):
        if stage == "change":
            subject = "Review your register of interests"
            lines = [
                f"Your register of interests changed on {formatting.long_date(day)}. Check that it is complete "
                f"and up to date: a new interest must be registered within {settings.INTERESTS_REVIEW_DAYS} "
                "days of your becoming aware of it (Localism Act 2011, s.30).",
            ]
        else:
            subject = "A new municipal year: review your register of interests"
            lines = [
                f"The municipal year began on {formatting.long_date(day)}. Check that your register of "
                "interests is complete and up to date.",
            ]
        if notify(
            f"interests-review:{person.pk}:{stage}:{day.isoformat()}",
            [person],
            subject,
            lines,
            reverse("members:interests", args=[person.pk]),
        ):
            sent += 1
    return sent
