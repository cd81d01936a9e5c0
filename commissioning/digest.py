"""The daily digest: the notices a person chose to have by e-mail once a day, in one e-mail. Exactly once a
day: its key names the person and the day (Notification.key is unique), and only the notices a newly written
digest holds leave the queue, so a second beat or a retry the same day sends nothing and loses nothing."""

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import formatting, outbox
from .models import Notice, Notification, User


def send_digest(user, day) -> bool:
    with transaction.atomic():
        waiting = list(
            Notice.objects.select_for_update(skip_locked=True)
            .filter(user=user, in_digest=True)
            .select_related("notification")
            .order_by("created_at", "pk")
        )
        if not waiting or not user.email:
            return False
        lines = [f"{len(waiting)} notice{'s' if len(waiting) != 1 else ''} since your last digest:"] + [
            f"- {n.notification.subject}\n  {settings.SITE_URL}{n.url}" for n in waiting
        ]
        note, created = Notification.objects.get_or_create(
            key=f"digest:{user.pk}:{day.isoformat()}",
            defaults={
                "recipients": [user.email],
                "subject": f"Your daily digest, {formatting.long_date(day)}",
                "body": "\n".join(lines),
            },
        )
        if not created:  # already sent today: these wait for tomorrow's
            return False
        Notice.objects.filter(pk__in=[n.pk for n in waiting]).update(in_digest=False)
        outbox.kick_after_commit()
    return True


@shared_task(name="commissioning.digest.send_digests")
def send_digests(day=None) -> int:
    day = day or timezone.localdate()
    people = User.objects.filter(is_active=True, notices__in_digest=True).distinct()
    return sum(send_digest(person, day) for person in people)
