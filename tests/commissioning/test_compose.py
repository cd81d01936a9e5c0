"""docker-compose.yml's commands run for real (Docker does not run here): `migrate`, `web` (gunicorn), `worker`
and `beat`, each with exactly the command and environment the compose file gives it, read from the file, on
the test database and a Redis database of its own. The compose file's service names `db` and `redis` become
this machine's PostgreSQL and Redis, its volumes and /tmp become temporary folders, and the operator's `.env`
is `.env.example` with what the README says to set. Then: the health checks, a sign-in, a meeting pack built
through the worker, beat sending a daily job that is due, and `docker compose stop` (SIGTERM) ending each."""

import contextlib
import http.client
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import redis
import yaml
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from commissioning.models import User
from meetings import services
from meetings.models import AgendaItemKind, Pack, PackBuild

from .. import factories
from ..conftest import ROOT, _database_url, need, wait_for
from .test_image import instructions

ADMIN = {"username": "democratic-services", "password": secrets.token_urlsafe()}


def interpolate(text: str, variables: dict) -> str:
    """Compose's variable substitution: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error},
    ${VAR?error}, with variables inside a default (evaluated only when the default is used)."""
    out, i = [], 0
    while i < len(text):
        if text.startswith("$$", i):
            out.append("$")
            i += 2
        elif text.startswith("${", i):
            depth, j = 1, i + 2
            while depth:
                if text.startswith("${", j):
                    depth, j = depth + 1, j + 2
                    continue
                depth -= text[j] == "}"
                j += 1
            out.append(_variable(text[i + 2 : j - 1], variables))
            i = j
        elif plain := re.match(r"\$(\w+)", text[i:]):
            out.append(variables.get(plain[1], ""))
            i += plain.end()
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _variable(body: str, variables: dict) -> str:
    name, operator, argument = re.fullmatch(r"(\w+)(?:(:?[-?])(.*))?", body, re.S).groups()
    present = variables.get(name)
    unset = not present if operator and operator.startswith(":") else present is None
    if operator in (":-", "-"):
        return interpolate(argument, variables) if unset else present
    if operator in (":?", "?") and unset:
        raise ValueError(f"{name}: {argument}")
    return present or ""


def env_file(text: str) -> dict:
    pairs = (line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


class Compose:
    """The compose file's app services, as commands and environments to run on this machine."""

    def __init__(self, tmp: Path, port: int, variables: dict, dotenv: dict):
        self.file = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
        self.services = self.file["services"]
        self.port, self.variables, self.dotenv = port, variables, dotenv
        images = {name: str(s.get("image", "")) for name, s in self.services.items()}
        self.database_host = next(name for name, image in images.items() if image.startswith("postgres"))
        self.redis_host = next(name for name, image in images.items() if image.startswith("redis"))
        broker = urlsplit(settings.REDIS_URL)
        # Not the database of this xdist worker's jobs (the session's Celery worker would take the pack build),
        # nor any other xdist worker's (counted down from the configured one, at most 8).
        self.redis = (broker.hostname, broker.port or 6379, (int(broker.path.strip("/") or 0) + 8) % 16)
        # Container paths: the image's own folders (Dockerfile ENV VAR_DIR: static files collected at build),
        # the named volumes, and /tmp.
        self.home = tmp / "tmp"
        self.paths = {"/tmp": self.home}  # noqa: S108 (the container's /tmp: a temporary folder here)
        for service in self.services.values():
            for volume in service.get("volumes", []):
                name, _, target = volume.partition(":")
                self.paths[target.partition(":")[0]] = tmp / "volumes" / name
        self.image_env = {}
        for _, keyword, arguments in instructions((ROOT / "Dockerfile").read_text()):
            if keyword == "ENV":
                self.image_env |= dict(pair.split("=", 1) for pair in shlex.split(arguments))
        self.paths[self.image_env["VAR_DIR"]] = tmp / "image-var"
        for path in self.paths.values():
            path.mkdir(parents=True, exist_ok=True)

    def local(self, value: str) -> str:
        """A container path or a service's URL, as it is on this machine."""
        for container, here in sorted(self.paths.items(), key=lambda pair: -len(pair[0])):
            if value == container or value.startswith(container + "/"):
                return str(here) + value.removeprefix(container)
        url = urlsplit(value)
        if url.scheme and url.hostname == self.database_host:
            return _database_url()
        if url.scheme and url.hostname == self.redis_host:
            host, port, db = self.redis
            return url._replace(netloc=f"{host}:{port}", path=f"/{db}").geturl()
        if re.fullmatch(r"(0\.0\.0\.0|\[::\])?:\d+", value):  # gunicorn's bind: its own free port here
            return f"127.0.0.1:{self.port}"
        return value

    def environment(self, name: str) -> dict:
        service = self.services[name]
        declared = service.get("environment", {})
        if isinstance(declared, list):
            declared = dict(item.split("=", 1) for item in declared)
        given = {
            **self.image_env,
            **(self.dotenv if service.get("env_file") else {}),
            **{key: interpolate(str(value), self.variables) for key, value in declared.items()},
        }
        # This machine's own PATH and HOME are not container paths: never mapped (a checkout under /tmp would
        # otherwise be read as the container's /tmp).
        return {
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "HOME": str(self.home),
            "HOSTNAME": socket.gethostname(),  # as Docker sets it; the worker's health check names it
            **{key: self.local(value) for key, value in given.items()},
        }

    def command(self, name: str) -> list[str]:
        command = self.services[name]["command"]
        words = shlex.split(command) if isinstance(command, str) else [str(w) for w in command]
        return [self.local(interpolate(word, self.variables)) for word in words]

    def healthcheck(self, name: str) -> list[str]:
        test = self.services[name]["healthcheck"]["test"]
        if isinstance(test, str) or test[0] == "CMD-SHELL":  # run by the container's shell
            return ["sh", "-c", interpolate(test if isinstance(test, str) else test[1], self.variables)]
        return [self.local(interpolate(word, self.variables)) for word in test[1:]]  # "CMD", then argv


class Browser:
    """A browser behind the TLS-terminating proxy the README asks for: it says the request came over HTTPS
    (X-Forwarded-Proto), and keeps its cookies itself (they are Secure, and this is plain HTTP)."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, form: dict | None = None):
        origin = f"https://127.0.0.1:{self.port}"
        headers = {"X-Forwarded-Proto": "https", "Referer": origin + path}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        link = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            link.request(method, path, body, headers)
            response = link.getresponse()
            content = response.read()
        finally:
            link.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.partition(";")[0]
        return response, content

    def csrf_token(self, path: str) -> str:
        response, content = self.request("GET", path)
        assert response.status == 200, (path, response.status)
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log_of(path: Path) -> str:
    return path.read_text(errors="replace") if path.exists() else ""


def a_meeting_with_an_item(administrator):
    board = factories.board("Overview and Scrutiny Management Board", kind="scrutiny_management")
    meeting = services.create_meeting(
        board=board, starts_at=timezone.now() + timedelta(days=7), venue="Council Chamber",
        acting_user=administrator,
    )  # fmt: skip
    strategy = factories.complete_analyse(factories.strategy(title="Libraries strategy"))
    services.add_item(
        meeting=meeting, kind=AgendaItemKind.STRATEGY, title="Libraries", strategy=strategy,
        acting_user=administrator,
    )  # fmt: skip
    return meeting


def beat_finds_its_daily_jobs_due(schedule_file: Path):
    """A day and an hour since each periodic job last ran, in beat's own schedule file (beat keeps the time
    of each job's last run there, so a restarted beat neither repeats nor skips a day)."""
    from celery.beat import PersistentScheduler

    from commissioning.celery import app

    scheduler = PersistentScheduler(app=app, schedule_filename=str(schedule_file))
    for entry in scheduler.schedule.values():
        entry.last_run_at = app.now() - timedelta(days=1, hours=1)
    scheduler.sync()
    scheduler.close()
    return settings.CELERY_BEAT_SCHEDULE


def test_interpolation_as_compose_does_it():
    variables = {"POSTGRES_PASSWORD": "pw", "EMPTY": ""}
    default = "${DATABASE_URL:-postgres://u:${POSTGRES_PASSWORD:?set it}@db/x}"
    assert interpolate(default, variables) == "postgres://u:pw@db/x"
    assert (
        interpolate(default, variables | {"DATABASE_URL": "postgres://elsewhere/x"})
        == "postgres://elsewhere/x"
    )
    assert interpolate("celery@$$HOSTNAME $POSTGRES_PASSWORD", variables) == "celery@$HOSTNAME pw"
    assert interpolate("${EMPTY:-a}${EMPTY-b}${MISSING-c}", variables) == "ac"
    with pytest.raises(ValueError, match="POSTGRES_PASSWORD: set it"):
        interpolate(default, {})


def test_the_app_services_refuse_to_start_without_a_database_password(tmp_path):
    compose = Compose(tmp_path, free_port(), {}, {})
    for name in ("migrate", "web", "worker", "beat"):
        with pytest.raises(ValueError, match="POSTGRES_PASSWORD"):
            compose.environment(name)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_compose_services_run_migrate_web_worker_and_beat_end_to_end(tmp_path):
    need(connection.vendor == "postgresql", "PostgreSQL")
    need(bool(settings.REDIS_URL), "Redis")
    port = free_port()
    # The operator's .env: `.env.example` with what the README says to set (DEBUG is set by the compose file).
    dotenv = env_file((ROOT / ".env.example").read_text()) | {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}",
    }
    # Compose reads its variables from the shell and the same .env: the operator exports POSTGRES_PASSWORD.
    compose = Compose(tmp_path, port, dotenv | {"POSTGRES_PASSWORD": "not-used-here"}, dotenv)
    static = Path(settings.STATIC_ROOT)
    logs, running, started = tmp_path / "logs", {}, []
    logs.mkdir()

    def run(name, command, env):
        with open(logs / f"{name}.log", "w") as log:
            started.append(
                subprocess.Popen(
                    command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
                )
            )
        return started[-1]

    try:
        # The image's static files, collected at its build (Dockerfile): `make test` collected the same source.
        image_var = Path(compose.local(compose.image_env["VAR_DIR"]))
        if not (static / "staticfiles.json").exists():
            env = compose.environment("web") | {"STATIC_COMPRESS": "off"}
            subprocess.run(
                ["python", "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
            )
        else:
            (image_var / "staticfiles").symlink_to(static)

        # docker compose up -d: migrate first; web, worker and beat once it has completed successfully.
        migrate = run("migrate", compose.command("migrate"), compose.environment("migrate"))
        assert migrate.wait(120) == 0, log_of(logs / "migrate.log")
        beat = compose.command("beat")
        schedule = Path(next(beat[i + 1] for i, word in enumerate(beat) if word in ("--schedule", "-s")))
        daily = beat_finds_its_daily_jobs_due(schedule)
        for name in ("web", "worker", "beat"):
            running[name] = run(name, compose.command(name), compose.environment(name))
        # An administrator (the README's `createsuperuser`), the password hashed as production hashes it.
        administrator = User.objects.create_superuser(ADMIN["username"], "ds@example.org")
        administrator.password = PBKDF2PasswordHasher().encode(
            ADMIN["password"], PBKDF2PasswordHasher().salt()
        )
        administrator.save()
        TOTP.activate(
            administrator, factories.TOTP_SECRET
        )  # a superuser must have a second factor (issue 18)
        meeting = a_meeting_with_an_item(administrator)

        browser = Browser(port)

        def healthy():
            assert all(p.poll() is None for p in running.values()), {
                n: log_of(logs / f"{n}.log") for n in running
            }
            try:
                return browser.request("GET", "/healthz")[0].status == 200
            except OSError:
                return False

        assert wait_for(healthy, timeout=60), log_of(logs / "web.log")
        # The image's own health check (Dockerfile HEALTHCHECK), on this port.
        healthcheck = next(
            args
            for _, keyword, args in instructions((ROOT / "Dockerfile").read_text())
            if keyword == "HEALTHCHECK"
        )
        probe = healthcheck.partition(" CMD ")[2].replace("127.0.0.1:8000", f"127.0.0.1:{port}")
        assert subprocess.run(["sh", "-c", probe], env=compose.environment("web")).returncode == 0
        assert "GET /healthz" in log_of(logs / "web.log")  # gunicorn's access log, on standard output

        # Sign in, as the superuser just created.
        form = {"csrfmiddlewaretoken": browser.csrf_token("/accounts/login/"), **ADMIN}
        response, _ = browser.request("POST", "/accounts/login/", form)
        second_step = reverse("mfa_authenticate")
        assert response.status == 302 and response.headers["Location"] == second_step, response.status
        code = factories.totp_code()
        form = {"csrfmiddlewaretoken": browser.csrf_token(second_step), "code": code}
        response, _ = browser.request("POST", second_step, form)
        assert response.status == 302 and response.headers["Location"] == "/", response.status
        # Build the meeting's packs through the worker.
        token = browser.csrf_token(f"/meetings/{meeting.pk}/")
        response, _ = browser.request(
            "POST", f"/meetings/{meeting.pk}/packs/build/", {"csrfmiddlewaretoken": token}
        )
        assert response.status == 302, response.status

        def built():
            return PackBuild.objects.filter(meeting=meeting, status__in=["done", "failed"]).exists()

        assert wait_for(built, timeout=90), log_of(logs / "worker.log")[-3000:]
        # The worker's health check (the compose file's), as Docker runs it; answered while the test goes on.
        ping = run("ping", compose.healthcheck("worker"), compose.environment("worker"))
        assert PackBuild.objects.get(meeting=meeting).status == PackBuild.Status.DONE, log_of(
            logs / "worker.log"
        )
        pack = Pack.objects.filter(meeting=meeting).first()
        response, content = browser.request("GET", f"/packs/{pack.pk}/")
        assert response.status == 200 and content.startswith(b"%PDF")
        assert list(Path(compose.environment("worker")["MEDIA_ROOT"]).rglob("*.pdf"))  # the media volume

        # Beat sends each daily job that is due, and the worker runs it.
        def ran_daily_jobs():
            worker_log = log_of(logs / "worker.log")
            return all(
                re.search(rf"Task {re.escape(job['task'])}\[\S+\] succeeded", worker_log)
                for job in daily.values()
            )

        assert wait_for(ran_daily_jobs, timeout=30), (
            log_of(logs / "beat.log") + log_of(logs / "worker.log")[-3000:]
        )
        assert all(f"Sending due task {name} " in log_of(logs / "beat.log") for name in daily)
        assert re.search(r"Task meetings\.tasks\.build_packs\[\S+\] succeeded", log_of(logs / "worker.log"))
        # Drained: nothing left waiting in the queue (the README's check before an upgrade stops the worker).
        host, redis_port, db = compose.redis
        with redis.Redis(host=host, port=redis_port, db=db) as queue:
            assert queue.llen("celery") == 0
        assert ping.wait(30) == 0 and "pong" in log_of(logs / "ping.log"), log_of(logs / "ping.log")

        # docker compose stop: SIGTERM to each service's main process, SIGKILL after 10 s.
        for process in running.values():
            process.send_signal(signal.SIGTERM)
        for name, process in running.items():
            assert process.wait(10) == 0, (name, log_of(logs / f"{name}.log")[-2000:])
    finally:
        for process in started:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # each service's children (gunicorn's and celery's)
            process.wait(10)
