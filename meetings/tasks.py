import time

from celery import chord, group, shared_task
from django.conf import settings

RENDER_ITEM_TASK = "meetings.tasks.render_pack_item"
FINISH_TASK = "meetings.tasks.finish_packs"


def _fan_out(build_id: int, lease: str, entries, plan, queue: str | None = None) -> None:
    """The changed items laid out in parallel, one subtask each, then the packs assembled by the chord's
    callback (given the run's `plan`: packs.plan_of): no worker waits for its own subtasks, and each worker
    added lays out items too. `queue`: the queue the build's job came on, which its subtasks and callback
    follow (a council that routes pack builds to workers of their own keeps the whole build there)."""
    options = {"queue": queue} if queue else {}
    renders = group(
        render_pack_item.si(build_id, lease, entry.item.pk, entry.key, entry.html).set(**options)
        for entry in entries
    )
    chord(renders, finish_packs.si(build_id, lease, plan).set(**options)).apply_async()


def _pause():
    """The configured pause between a build's steps (PACK_BUILD_PAUSE_SECONDS: the journeys watch the
    progress move), or none."""
    seconds = settings.PACK_BUILD_PAUSE_SECONDS
    return (lambda: time.sleep(seconds)) if seconds else None


def _run(task, build_id: int) -> str:
    from . import packs

    queue = (task.request.delivery_info or {}).get("routing_key")
    return packs.run(
        build_id,
        pause=_pause(),
        job_id=task.request.id,
        fan_out=lambda *args: _fan_out(*args, queue=queue),
    )


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def build_packs(self, build_id: int) -> str:
    """Build a meeting's packs. Acknowledged late and requeued if its worker dies, and safe to run again:
    meetings.packs.run makes each part once per build, leaves a finished build alone, and stores nothing
    for a build that is no longer this job's (restarted)."""
    return _run(self, build_id)


@shared_task(name="members.tasks.build_packs", bind=True, acks_late=True, reject_on_worker_lost=True)
def build_packs_queued_before_the_move(self, build_id: int) -> str:
    """The same job under the name it had when packs were built by members: a build queued before an upgrade
    is still worked after it."""
    return _run(self, build_id)


@shared_task(name=RENDER_ITEM_TASK, acks_late=True, reject_on_worker_lost=True)
def render_pack_item(build_id: int, lease: str, item_id: int, key: str, html: str) -> str:
    """One changed agenda item of a build laid out (safe to run twice: the second finds it in the cache). A
    failure fails the build; the chord's callback then finds it is no longer running and stores nothing."""
    from . import packs

    return packs.render_item_job(build_id, lease, item_id, key, html)


@shared_task(name=FINISH_TASK, acks_late=True, reject_on_worker_lost=True)
def finish_packs(build_id: int, lease: str, plan: list | None = None) -> str:
    """The chord's callback: the packs of the run's `plan` assembled from their items' PDFs and stored (a
    callback queued before plans were passed has none: the parts are then prepared again)."""
    from . import packs

    return packs.finish(build_id, lease, pause=_pause(), plan=plan)
