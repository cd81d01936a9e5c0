"""Shared fixtures. Where a real service is missing, tests skip with a reason locally and FAIL in CI
(REQUIRE_SERVICES=1, set by `make test` when CI=true): CI may not skip PostgreSQL, Redis, the worker or
Chromium."""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from commissioning import roles

from . import factories

REQUIRED = bool(os.environ.get("REQUIRE_SERVICES"))
ROOT = Path(__file__).resolve().parent.parent


def need(available: bool, what: str):
    if available:
        return
    if REQUIRED:
        pytest.fail(f"{what} is required here (CI) but is not available")
    pytest.skip(f"{what} is not available on this machine")


def pytest_report_header(config):
    db = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    broker = settings.CELERY_BROKER_URL.split("://")[0]
    chromium = shutil.which("chromium") or "not found"
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
    mail_dir = tempfile.mkdtemp(prefix="mail-")
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "EMAIL_URL": "filemail://",
        "EMAIL_FILE_PATH": mail_dir,
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
    yield {"mail_dir": Path(mail_dir), "log": lines}
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(mail_dir, ignore_errors=True)


def wait_for(predicate, timeout=30.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2 at full strength costs ~0.3 s a user; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
