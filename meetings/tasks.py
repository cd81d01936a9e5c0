import time

from celery import shared_task
from django.conf import settings


def _run(build_id: int, job_id: str | None) -> str:
    from . import packs

    pause = settings.PACK_BUILD_PAUSE_SECONDS
    return packs.run(build_id, pause=(lambda: time.sleep(pause)) if pause else None, job_id=job_id)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def build_packs(self, build_id: int) -> str:
    """Build a meeting's packs. Acknowledged late and requeued if its worker dies, and safe to run again:
    meetings.packs.run makes each part once per build, leaves a finished build alone, and stores nothing
    for a build that is no longer this job's (restarted)."""
    return _run(build_id, self.request.id)


@shared_task(name="members.tasks.build_packs", bind=True, acks_late=True, reject_on_worker_lost=True)
def build_packs_queued_before_the_move(self, build_id: int) -> str:
    """The same job under the name it had when packs were built by members: a build queued before an upgrade
    is still worked after it."""
    return _run(build_id, self.request.id)
