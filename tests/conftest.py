"""Shared fixtures. Where a real service is missing, tests skip with a reason locally and FAIL in CI
(REQUIRE_SERVICES=1, set by `make test` when CI=true): CI may not skip PostgreSQL, Redis, the worker or
Chromium."""

import gc
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import override_settings

from commissioning import roles

from . import factories, schema

REQUIRED = bool(os.environ.get("REQUIRE_SERVICES"))
ROOT = Path(__file__).resolve().parent.parent
# "gw0", "gw1", ... in a pytest-xdist worker process; "" when the suite runs in one process.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
# Tests that must share one xdist worker, by marker: the Celery worker tests share one worker process (the
# meetings journey, first in collection order, watches slowed pack builds on a worker of its own, started
# before the shared one); a module's browser tests share its Chromium and live server, while the browser
# modules spread over the workers: a browser test mostly waits, so one worker running them all in a row would
# be the suite's long pole.
# The modules that read the seeded demo council share one worker too, so that it is seeded once
# (tests/demo/council/conftest.py).
XDIST_GROUPS = [("worker", "worker"), ("browser", "browser-{module}"), ("demo_council", "demo-council")]


def need(available: bool, what: str):
    if available:
        return
    if REQUIRED:
        pytest.fail(f"{what} is required here (CI) but is not available")
    pytest.skip(f"{what} is not available on this machine")


def _own_services(worker: str) -> tuple[dict, dict]:
    """The settings and environment that give one xdist worker its own broker (Redis database or queue
    folder) and media folder; pytest-django already gives it its own test database, and each live server its
    own port. The environment is what the Celery worker subprocesses read."""
    n = int(worker.removeprefix("gw"))
    media = Path(f"{settings.MEDIA_ROOT}-{worker}")
    changes, env = {"MEDIA_ROOT": media}, {"MEDIA_ROOT": str(media)}
    if settings.REDIS_URL:  # Redis databases counted down from the configured one: 15, 14, ... (of 16)
        parts = urlsplit(settings.REDIS_URL)
        url = parts._replace(path=f"/{(int(parts.path.strip('/') or 0) - n) % 16}").geturl()
        changes |= {"REDIS_URL": url, "CELERY_BROKER_URL": url, "CELERY_RESULT_BACKEND": url}
        env["REDIS_URL"] = url
    else:
        queue = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"]).parent / worker
        folders = {name: queue / name for name in ("out", "processed", "results", "control")}
        for folder in folders.values():
            folder.mkdir(parents=True, exist_ok=True)
        changes["CELERY_BROKER_TRANSPORT_OPTIONS"] = {
            **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            "data_folder_in": str(folders["out"]),
            "data_folder_out": str(folders["out"]),
            "processed_folder": str(folders["processed"]),
            "control_folder": str(folders["control"]),
        }
        changes["CELERY_RESULT_BACKEND"] = f"file://{folders['results']}"
        env["QUEUE_DIR"] = str(queue)
    return changes, env


def pytest_configure(config):
    if not XDIST_WORKER:
        return
    changes, env = _own_services(XDIST_WORKER)
    os.environ.update(env)
    config._own_services = override_settings(**changes)
    config._own_services.enable()
    from commissioning.celery import app

    app.conf.update(
        broker_url=settings.CELERY_BROKER_URL,
        result_backend=settings.CELERY_RESULT_BACKEND,
        broker_transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
    )


def pytest_unconfigure(config):
    if getattr(config, "_own_services", None) is not None:
        config._own_services.disable()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Group the tests that share a costly session resource on one xdist worker (`--dist loadgroup`);
    marked here, from their markers, so that no such test is forgotten. pytest-xdist 3.8 names a group by
    suffixing the test's node id ("...::test_x@browser") through an attribute pytest 9.2 no longer reads
    (node ids became structured), so the suffix is set here, the way pytest 9.2 keeps it."""
    if not getattr(config.option, "loadgroup", False):  # set in xdist's workers by --dist loadgroup
        return
    from _pytest.nodeid import coerce_node_id

    for item in items:
        if not item.nodeid.endswith(item.name):
            # schemathesis gives each API operation's test the same node id; xdist, which schedules by node
            # id, would run only one of them.
            item._id = coerce_node_id(f"{item.nodeid.rpartition('::')[0]}::{item.name}")
        module = item.module.__name__.rpartition(".")[2]
        group = next(
            (
                group.format(module=module)
                for marker, group in XDIST_GROUPS
                if item.get_closest_marker(marker)
            ),
            # Every other test with its module: a module's shared world (tests/matrix.py, module-scoped) is
            # then built once, on one worker, instead of again each time xdist hands that worker a few of its
            # tests between other modules' tests.
            f"module-{item.module.__name__}",
        )
        item.add_marker(pytest.mark.xdist_group(group))
        if "@" not in item.nodeid.rpartition("]")[2]:
            item._id = coerce_node_id(f"{item.nodeid}@{group}")
        item._xdist_group = group
    # The longest groups first (xdist hands groups out in this order, with --no-loadscope-reorder): the known
    # long ones, then the rest by their number of tests; while they run on one worker the many short modules
    # fill the other, and the shortest end the run instead of a long one being its tail.
    sizes = Counter(item._xdist_group for item in items)
    items.sort(key=lambda item: (_rank(item._xdist_group), -sizes[item._xdist_group], item._xdist_group))


# Groups that take the longest, by the start of their name: started first, longest first.
LONG_GROUPS = [
    "worker",
    "demo-council",
    "module-tests.api.test_api_schema",
    "module-tests.meetings.test_migration",
    "browser-",
    "module-tests.meetings.test_pack",
    "module-tests.demo.",
]


def _rank(group: str) -> int:
    return next((n for n, start in enumerate(LONG_GROUPS) if group.startswith(start)), len(LONG_GROUPS))


def pytest_report_header(config):
    db = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    broker = settings.CELERY_BROKER_URL.split("://")[0]
    chromium = shutil.which("chromium-headless-shell") or "not found"
    return [
        f"database: {db}; broker: {broker}; chromium: {chromium}; "
        f"services required: {'yes (CI)' if REQUIRED else 'no (missing ones are skipped)'}"
    ]


@pytest.fixture
def on_postgres():
    need(connection.vendor == "postgresql", "PostgreSQL")


@pytest.fixture
def commissioner(db):
    return factories.user(roles.COMMISSIONER, username="commissioner")


@pytest.fixture
def commissioner2(db):
    return factories.user(roles.COMMISSIONER, username="commissioner2")


@pytest.fixture
def councillor(db):
    return factories.user(roles.COUNCILLOR, username="councillor")


@pytest.fixture
def scrutiny(db):
    return factories.user(roles.SCRUTINY_MEMBER, username="scrutiny")


@pytest.fixture
def gateway(db):
    return factories.user(roles.GATEWAY_PANEL, username="gateway")


@pytest.fixture
def administrator(db):
    return factories.user(roles.ADMINISTRATOR, username="admin")


@pytest.fixture
def own_strategy(commissioner):
    return factories.strategy(commissioner=commissioner, title="Children are safe and healthy")


@pytest.fixture
def other_strategy(commissioner2):
    return factories.strategy(commissioner=commissioner2, title="Protecting the public")


# Every role, for rights matrices; "anonymous" is nobody signed in.
ROLES = ["commissioner", "commissioner2", "councillor", "scrutiny", "gateway", "administrator", "anonymous"]


@pytest.fixture
def people(commissioner, commissioner2, councillor, scrutiny, gateway, administrator):
    """The matrix's people: `commissioner` owns the strategy under test; for commissioner2 it is another's."""
    return {
        "commissioner": commissioner,
        "commissioner2": commissioner2,
        "councillor": councillor,
        "scrutiny": scrutiny,
        "gateway": gateway,
        "administrator": administrator,
        "anonymous": None,
    }


@pytest.fixture
def no_throttle(settings):
    settings.AXES_ENABLED = False


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker):
    """A real Celery worker process on the configured broker, against the test database."""
    with running_celery_worker() as worker:
        yield worker


@contextmanager
def running_celery_worker(**extra_env):
    """A Celery worker process (the environment's, with `extra_env`) from ready until the block ends."""
    mail_dir = tempfile.mkdtemp(prefix="mail-")
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "EMAIL_URL": "filemail://",
        "EMAIL_FILE_PATH": mail_dir,
        **extra_env,
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "commissioning",
            "worker",
            "--pool=solo",
            "--loglevel=info",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    ready = threading.Event()
    lines: list[str] = []

    def read():
        for line in proc.stdout:
            lines.append(line)
            if "ready." in line:
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(60):
        proc.kill()
        pytest.fail("The Celery worker did not start:\n" + "".join(lines[-30:]))
    try:
        yield {"mail_dir": Path(mail_dir), "log": lines}
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(mail_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Test databases are made from the models (`--no-migrations`, pyproject.toml): tests/schema.py adds
    what the migrations add besides the models' tables."""
    schema.connect()


@pytest.fixture(scope="session", autouse=True)
def _flush_by_deleting():
    """Transactional tests (browser, worker) empty every table after each test. On PostgreSQL Django does it
    with one TRUNCATE of ~130 tables, which makes new files for every table and index: seconds, each time.
    DELETE of the few rows a test leaves takes a tenth of that; the flush runs in one transaction and
    Django's foreign keys are checked at its commit, so the order of the tables does not matter."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(t))};" for t in tables]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", sql_flush)
        yield


@pytest.fixture(scope="session", autouse=True)
def _static_files_scanned_once():
    """WhiteNoise reads every collected static file (~450) when its middleware starts, and Django's test
    client starts the middleware afresh for each test's client: ~0.1 s a test, more than most requests
    cost. The files do not change during a run, so each folder is read once per process and the same
    answers are given to every later middleware (keyed by what the answers depend on)."""
    from whitenoise.base import WhiteNoise

    read = WhiteNoise.update_files_dictionary
    scanned: dict = {}

    def update_files_dictionary(self, root, prefix):
        key = (type(self), root, prefix, self.max_age, self.allow_all_origins, self.charset, self.index_file)
        if key not in scanned:
            kept, self.files = self.files, {}
            try:
                read(self, root, prefix)
                scanned[key] = self.files
            finally:
                self.files = kept
        self.files.update(scanned[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(WhiteNoise, "update_files_dictionary", update_files_dictionary)
        yield


def wait_for(predicate, timeout=30.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def sent_mails(mail_dir) -> list[str]:
    """Each e-mail the worker wrote, one string a message. Django's file backend names a file by the second
    and the connection's id, so two messages sent in the same second can share a file: split them."""
    separator = "\n" + "-" * 79 + "\n"
    return [m for p in sorted(mail_dir.glob("*")) for m in p.read_text().split(separator) if m.strip()]


@pytest.fixture(autouse=True)
def _broker_thought_up():
    """The outbox remembers, per process, that the broker was found down (to skip kicks and show the delay
    notice): no test may leave that to the next."""
    from commissioning import outbox

    outbox._state["failed_at"] = None
    yield
    outbox._state["failed_at"] = None


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """django-allauth counts failed sign-ins and second-factor codes in the cache: each test starts with none.
    Only the in-process cache is cleared (a shared one, e.g. Redis, is left to its own expiry)."""
    from django.core.cache import cache
    from django.core.cache.backends.locmem import LocMemCache

    if isinstance(cache, LocMemCache) or isinstance(getattr(cache, "_cache", None), dict):
        cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2 at full strength costs ~0.3 s a user; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_collection_finish(session):
    """Everything loaded so far (Django, the apps, the collected tests) is kept out of the garbage collector's
    passes: it lives as long as the process, and every full pass would otherwise walk it again."""
    gc.freeze()
    # Fewer passes over the young objects (each test makes and drops many): about 6% less CPU again, for
    # memory that is freed a little later.
    gc.set_threshold(50_000, 20, 100)
