"""The outbox (commissioning.outbox) with a REAL Redis stopped mid-run: writes answer at once and as usual,
the pages say e-mails and builds are delayed, and once Redis is back each e-mail is sent exactly once.

The Redis stopped here is the test's own (`own_redis`, on a free port): never the machine's."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from kombu import pools

from commissioning import outbox
from commissioning.models import Notification, OutboxJob
from members.models import Recommendation
from strategies import services
from strategies.models import Stage, Strategy

from .. import factories
from ..conftest import ROOT, _database_url, need, sent_mails, wait_for

DELAYED = "E-mails and pack builds are delayed"


class OwnRedis:
    """A redis-server of the test's own, with nothing saved to disk, that can be stopped and started again
    on the same port."""

    def __init__(self, folder: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.folder = folder
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        assert wait_for(self.answers, timeout=10), "redis-server did not start"

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        assert not self.answers()

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def queued(self, queue: str = "celery") -> int:
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as conn:
            conn.sendall(f"LLEN {queue}\r\n".encode())
            return int(conn.recv(64).decode().strip().lstrip(":"))


def _point_broker_at(url: str) -> None:
    from commissioning.celery import app

    app.conf.broker_url = url
    app.pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    pools.reset()  # kombu's producer pools, per connection: none may outlive the broker they were for


@pytest.fixture
def own_redis(settings, tmp_path):
    need(shutil.which("redis-server") is not None, "redis-server")
    from commissioning.celery import app

    redis = OwnRedis(tmp_path)
    redis.start()
    before = app.conf.broker_url
    settings.CELERY_BROKER_URL = redis.url
    _point_broker_at(redis.url)
    yield redis
    _point_broker_at(before)
    if redis.proc.poll() is None:
        redis.stop()


def _strategy_ready_to_move(commissioner, commissioner2, councillor, scrutiny):
    """A strategy that may move to Plan, with a second commissioner (told of the move), a portfolio holder
    and a scrutiny board (told of a recommendation)."""
    s = factories.strategy(commissioner=commissioner)
    factories.portfolio_holder(s, councillor)
    s = factories.complete_analyse(s)
    services.update_strategy(
        strategy=s,
        seen_version=s.version,
        changes={"commissioners": [commissioner2]},
        acting_user=commissioner,
    )
    factories.refer(s, scrutiny)
    return Strategy.objects.get(pk=s.pk)


def _move_and_recommend(client, s, commissioner, scrutiny, capture=None) -> float:
    """A transition and a scrutiny recommendation through the pages; returns the seconds both took."""
    started = time.monotonic()
    client.force_login(commissioner)
    with capture(execute=True) if capture else _nothing():
        moved = client.post(
            reverse("strategies:transition", args=[s.pk, "start_planning"]),
            {"expected_stage": "analyse", "note": "Agreed"},
        )
    assert moved.status_code == 302, moved.content[:500]
    client.force_login(scrutiny)
    with capture(execute=True) if capture else _nothing():
        recommended = client.post(
            reverse("members:recommend", args=[s.pk]),
            {
                "text": "Publish the figures by locality.",
                "reasons": "Averages hide need.",
                "response_due": "",
            },
        )
    assert recommended.status_code == 302, recommended.content[:500]
    took = time.monotonic() - started
    assert Strategy.objects.get(pk=s.pk).stage == Stage.PLAN
    assert Recommendation.objects.filter(strategy=s).count() == 1
    return took


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _subjects(s) -> dict[str, str]:
    return {
        "moved": f"{s.reference} is now in Plan",
        "recommended": f"recommends: {s.reference}",
    }


@pytest.mark.django_db
def test_with_redis_stopped_writes_answer_at_once_and_each_email_goes_once_when_it_is_back(
    own_redis, client, commissioner, commissioner2, councillor, scrutiny, mailoutbox,
    django_capture_on_commit_callbacks, no_throttle,
):  # fmt: skip
    s = _strategy_ready_to_move(commissioner, commissioner2, councillor, scrutiny)
    Notification.objects.update(sent_at=timezone.now())  # the set-up's own notices are not the point
    own_redis.stop()

    took = _move_and_recommend(client, s, commissioner, scrutiny, django_capture_on_commit_callbacks)
    assert took < 5, f"the writes waited {took:.1f} s on a broker that is down"
    page = client.get(reverse("members:scrutiny", args=[s.pk])).content.decode()
    assert DELAYED in page  # the page says so; nothing failed
    waiting = Notification.objects.filter(sent_at__isnull=True)
    assert {n.key.split(":")[0] for n in waiting} == {"transition", "recommended"}
    assert mailoutbox == []

    own_redis.start()
    # The web process tries the queue again after a pause; pretend it passed: the next page finds it back,
    # asks a worker to run the relay, and stops saying e-mails are delayed.
    outbox._state["failed_at"] -= outbox.KICK_PAUSE_SECONDS
    assert DELAYED not in client.get(reverse("members:scrutiny", args=[s.pk])).content.decode()
    assert own_redis.queued() >= 1  # the relay's job, on the queue that is back

    # The job: the overlap finder comparing the strategy that moved (gateway, on every transition).
    assert outbox.relay() == "1 jobs published, 2 e-mails sent, 0 to try again"
    assert outbox.relay() == "0 jobs published, 0 e-mails sent, 0 to try again"  # run again: nothing twice
    subjects = [m.subject for m in mailoutbox]
    for wanted in _subjects(s).values():
        assert sum(wanted in subject for subject in subjects) == 1, subjects
    assert len(mailoutbox) == 2
    moved = next(m for m in mailoutbox if "is now in Plan" in m.subject)
    assert moved.to == [commissioner2.email] and moved.extra_headers["Message-ID"].startswith(
        "<notification-"
    )
    assert not Notification.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.django_db
def test_a_failed_send_is_tried_again_later_and_sent_once(commissioner, commissioner2, mailoutbox):
    from commissioning.notifications import notify

    note = notify("test:1", [commissioner2], "Subject", ["Body"], "/")
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("SMTP refused")):
        assert outbox.relay_notifications() == (0, 1)
    note.refresh_from_db()
    assert (note.sent_at, note.attempts, "SMTP refused" in note.last_error) == (None, 1, True)
    assert outbox.relay_notifications() == (0, 0)  # backing off: not due yet
    Notification.objects.filter(pk=note.pk).update(next_attempt_at=timezone.now())
    assert outbox.relay_notifications() == (1, 0)
    assert outbox.relay_notifications() == (0, 0)
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_the_kick_never_raises_and_gives_up_at_once(own_redis):
    own_redis.stop()
    started = time.monotonic()
    assert outbox.kick() is False
    assert outbox.kick() is False  # within the pause, not even tried
    assert time.monotonic() - started < 3
    assert outbox.broker_recently_down()


@pytest.mark.django_db
def test_healthz_reports_the_broker_apart_from_the_database(own_redis, client):
    body = client.get("/healthz").json()
    assert body == {"status": "ok", "database": {"ok": True}, "broker": {"ok": True}}
    own_redis.stop()
    response = client.get("/healthz")
    # 200: the web process is healthy (the outbox keeps the jobs), so no orchestrator restarts it.
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == {"ok": True} and body["broker"]["ok"] is False and body["broker"]["error"]


def test_beat_runs_the_relay_every_30_seconds(settings):
    (entry,) = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == outbox.RELAY_TASK]
    assert entry["schedule"] <= 30
    from commissioning.celery import app

    app.loader.import_default_modules()
    assert outbox.RELAY_TASK in app.tasks


@pytest.fixture
def relay_worker(own_redis, tmp_path):
    """A real Celery worker process on the test's own Redis, writing e-mails to a folder."""
    mail_dir = Path(tempfile.mkdtemp(prefix="mail-", dir=tmp_path))
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": own_redis.url,
        "EMAIL_URL": "filemail://",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "commissioning", "worker", "--pool=solo", "--loglevel=info",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    lines, ready = [], threading.Event()

    def read():
        for line in proc.stdout:
            lines.append(line)
            if "ready." in line:
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    assert ready.wait(60), "the worker did not start:\n" + "".join(lines[-30:])
    yield {"mail_dir": mail_dir, "log": lines}
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_through_a_real_worker_each_email_goes_once_after_redis_returns(
    own_redis,
    relay_worker,
    client,
    commissioner,
    commissioner2,
    councillor,
    scrutiny,
    mailoutbox,
    no_throttle,
):
    s = _strategy_ready_to_move(commissioner, commissioner2, councillor, scrutiny)
    own_redis.stop()  # the worker loses its broker too

    took = _move_and_recommend(client, s, commissioner, scrutiny)  # committed for real: the kicks run
    assert took < 5, f"the writes waited {took:.1f} s on a broker that is down"
    assert DELAYED in client.get(reverse("members:scrutiny", args=[s.pk])).content.decode()
    keys = [f"transition:{s.transitions.get().pk}", f"recommended:{s.recommendations.get().pk}"]
    assert Notification.objects.filter(key__in=keys, sent_at__isnull=True).count() == 2

    own_redis.start()
    # Several relays at once, as beat and kicks from several processes would make them: the worker's, and
    # one in this process (sending to `mailoutbox`) racing it.
    outbox._state["failed_at"] = None
    assert outbox.kick() and outbox.kick()
    outbox.relay()

    def sent():
        return Notification.objects.filter(key__in=keys, sent_at__isnull=True).count() == 0

    assert wait_for(sent, timeout=60), "".join(relay_worker["log"][-30:])
    outbox._state["failed_at"] = None
    assert outbox.kick()  # one more relay after all were sent: sends nothing
    assert wait_for(lambda: own_redis.queued() == 0, timeout=30)
    time.sleep(1)  # the last relay's transaction (if it found anything, which it must not)
    mails = [*sent_mails(relay_worker["mail_dir"]), *(f"Subject: {m.subject}\n" for m in mailoutbox)]
    for name, wanted in _subjects(s).items():
        copies = [m for m in mails if wanted in m]
        assert len(copies) == 1, (name, copies)


def test_make_run_and_docker_compose_run_beat():
    """The relay runs from beat: both ways of running the app must start it."""
    import yaml

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert compose["services"]["beat"]["command"][:4] == ["celery", "-A", "commissioning", "beat"]
    run = (ROOT / "Makefile").read_text().split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "worker" in run and " -B " in run


@pytest.mark.django_db
def test_one_kick_per_transaction_however_many_rows_it_writes(
    commissioner, commissioner2, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from commissioning.notifications import notify

    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        notify("test:a", [commissioner2], "A", ["Body"], "/")
        notify("test:b", [commissioner2], "B", ["Body"], "/")
        outbox.enqueue("meetings.tasks.build_packs", 1)
    assert callbacks == [outbox.kick]
    assert OutboxJob.objects.get().job_id  # a Celery task id chosen when written, so it can be revoked
