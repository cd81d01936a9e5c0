"""Pack builds through real Celery workers on the real broker: progress, failure and retry, a worker killed
with SIGKILL in the middle of a build, and the broker down."""

import os
import signal
import subprocess
import sys
import threading

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from kombu import pools
from weasyprint import HTML

from commissioning.models import OutboxJob
from meetings import services
from meetings.models import AgendaItemKind, Pack, PackBuild, PackPart

from .. import factories
from ..conftest import ROOT, _database_url, need, wait_for

FAULT_QUEUE = "packs-fault-test"  # only this module's workers listen here, not the session's worker


def on_redis():
    need(settings.CELERY_BROKER_URL.startswith("redis://"), "Redis (the fault tests use its redelivery)")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def start_worker(media):
    """Start a Celery worker process on FAULT_QUEUE with extra environment; stopped at the end."""
    procs = []

    def start(**env):
        environment = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "MEDIA_ROOT": str(media),
            **{k: str(v) for k, v in env.items()},
        }
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "commissioning", "worker", "--pool=solo", "-Q", FAULT_QUEUE,
             "--loglevel=info", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        proc.lines = []
        ready = threading.Event()

        def read():
            for line in proc.stdout:
                proc.lines.append(line)
                if "ready." in line:
                    ready.set()

        threading.Thread(target=read, daemon=True).start()
        procs.append(proc)
        assert ready.wait(60), "the worker did not start:\n" + "".join(proc.lines[-30:])
        return proc

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def a_meeting(administrator, commissioner):
    board = factories.board("Overview and Scrutiny Management Board", kind="scrutiny_management")
    meeting = services.create_meeting(
        board=board, starts_at=timezone.now() + timezone.timedelta(days=7), venue="Council Chamber",
        acting_user=administrator,
    )  # fmt: skip
    for title in ("Libraries", "Carers", "Transport"):
        s = factories.complete_analyse(
            factories.strategy(commissioner=commissioner, title=f"{title} strategy")
        )
        services.add_item(
            meeting=meeting, acting_user=administrator, kind=AgendaItemKind.STRATEGY, title=title, strategy=s
        )
    services.add_item(
        meeting=meeting, acting_user=administrator, kind=AgendaItemKind.STRATEGY, title="Costs", strategy=s,
        confidential=True, exemption="3",
    )  # fmt: skip
    return meeting


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_build_is_redelivered_and_makes_one_version(
    start_worker, administrator, commissioner
):
    on_redis()
    from meetings.tasks import build_packs

    meeting = a_meeting(administrator, commissioner)
    build = PackBuild.objects.create(meeting=meeting, requested_by=administrator)
    build_packs.apply_async((build.pk,), queue=FAULT_QUEUE)
    doomed = start_worker(
        PACK_BUILD_PAUSE_SECONDS=120, CELERY_VISIBILITY_TIMEOUT=3, CELERY_RESTORE_INTERVAL=1
    )

    def laying_out():
        build.refresh_from_db()
        return build.status == PackBuild.Status.RUNNING and build.step.startswith("Laying out")

    assert wait_for(laying_out, timeout=60), "".join(doomed.lines[-20:])
    os.kill(doomed.pid, signal.SIGKILL)  # mid-build: no warm shutdown, no acknowledgement
    doomed.wait(10)
    assert not Pack.objects.filter(meeting=meeting).exists()

    survivor = start_worker(CELERY_VISIBILITY_TIMEOUT=3, CELERY_RESTORE_INTERVAL=1)

    def done():
        build.refresh_from_db()
        return build.status == PackBuild.Status.DONE

    assert wait_for(done, timeout=120), build.status + "".join(survivor.lines[-30:])
    made = list(Pack.objects.filter(meeting=meeting).values_list("part", "version"))
    assert sorted(made) == [(PackPart.CONFIDENTIAL, 1), (PackPart.PUBLIC, 1)]
    assert build.attempts == 2  # the first delivery died; the redelivered one finished


# The session's worker stores files under the default MEDIA_ROOT, so these two tests use it too.
@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_page_follows_a_build_to_the_end(celery_worker, client, administrator, commissioner):
    meeting = a_meeting(administrator, commissioner)
    client.force_login(administrator)
    response = client.post(reverse("meetings:build-packs", args=[meeting.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b'hx-trigger="every 1s"' in response.content and b"<progress" in response.content
    build = PackBuild.objects.get(meeting=meeting)

    seen = set()

    def finished():
        panel = client.get(reverse("meetings:packs", args=[meeting.pk]), HTTP_HX_REQUEST="true")
        build.refresh_from_db()
        seen.add(build.progress)
        return b"Download version 1" in panel.content and b"every 1s" not in panel.content

    assert wait_for(finished, timeout=120, interval=0.1), "".join(celery_worker["log"][-20:])
    assert build.status == PackBuild.Status.DONE and 100 in seen


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_failed_build_is_reported_and_a_retry_completes_it(
    celery_worker, client, administrator, commissioner
):
    meeting = a_meeting(administrator, commissioner)

    item = services.add_item(
        meeting=meeting, acting_user=administrator, kind=AgendaItemKind.DOCUMENT, title="Partner report",
        document=ContentFile(HTML(string="<p>Report</p>").write_pdf(), name="report.pdf"), document_pages=1,
    )  # fmt: skip
    # The stored file broken afterwards (a PDF that is not one is refused on upload): the build fails on it.
    with item.document.storage.open(item.document.name, "wb") as stored:
        stored.write(b"%PDF-1.4 not really")
    client.force_login(administrator)
    client.post(reverse("meetings:build-packs", args=[meeting.pk]))
    build = PackBuild.objects.get(meeting=meeting)

    def failed():
        build.refresh_from_db()
        return build.status == PackBuild.Status.FAILED

    assert wait_for(failed, timeout=120), "".join(celery_worker["log"][-20:])
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "The pack could not be built" in page and "Try building again" in page
    assert not Pack.objects.filter(meeting=meeting).exists()

    item.document.save("report.pdf", ContentFile(HTML(string="<p>Report</p>").write_pdf()))  # fixed
    client.post(reverse("meetings:retry-build", args=[meeting.pk, build.pk]))

    def done():
        build.refresh_from_db()
        return build.status == PackBuild.Status.DONE

    assert wait_for(done, timeout=120), build.error + "".join(celery_worker["log"][-20:])
    assert build.attempts == 2 and Pack.objects.filter(meeting=meeting, build=build).count() == 2


@pytest.fixture
def broker_down():
    """Point the app's producer at a Redis that is not there (a closed port), then put it back."""
    from commissioning.celery import app

    before = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    app.pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    yield
    app.conf.broker_url = before
    app._pool = None
    app.amqp._producer_pool = None
    # kombu keeps producer pools per connection: without this, the next job this process sends (in a test
    # that runs after this one) would take the pool closed above ("Acquire on closed pool").
    pools.reset()


@pytest.mark.django_db
def test_with_the_broker_down_the_page_says_so_and_nothing_is_lost(
    broker_down, client, media, administrator, commissioner, django_capture_on_commit_callbacks
):
    meeting = a_meeting(administrator, commissioner)
    old = PackBuild.objects.create(meeting=meeting, requested_by=administrator, status=PackBuild.Status.DONE)
    kept = Pack.objects.create(
        meeting=meeting, part=PackPart.PUBLIC, version=1, build=old, file=ContentFile(b"%PDF-1.7", name="v1.pdf"),
        sha256="0" * 64, pages=1, size=8, built_by=administrator,
    )  # fmt: skip
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:build-packs", args=[meeting.pk]))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "E-mails and pack builds are delayed" in page and "starts as soon as it is back" in page
    assert "Download version 1" in page  # the pack already built is still there
    assert Pack.objects.filter(pk=kept.pk).exists() and Pack.objects.count() == 1
    latest = meeting.builds.first()
    assert latest.status == PackBuild.Status.QUEUED  # kept, in the outbox, for when the queue is back
    assert OutboxJob.objects.get(job_id=latest.job_id).sent_at is None
