import time

from celery import shared_task
from django.conf import settings


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def build_packs(self, build_id: int) -> str:
    """Build a meeting's packs. Acknowledged late and requeued if its worker dies, and safe to run again:
    members.packs.run makes each part once per build and leaves a finished build alone."""
    from . import packs

    pause = settings.PACK_BUILD_PAUSE_SECONDS
    return packs.run(build_id, pause=(lambda: time.sleep(pause)) if pause else None)
