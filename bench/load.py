"""The main pages under load, beside a trivial signed-in view, in one run (issue 21).

    python bench/load.py [--scale 20] [--phase 5] [--users 8] [--locust PATH]

Seeds the demo council at `--scale` on its own PostgreSQL database (once: kept between runs), starts
gunicorn with 2 workers on loopback with DEBUG off (the Makefile's test settings: a throwaway SECRET_KEY,
no HTTPS redirect), and runs locust headless (the `bench` extra: `pip install -e ".[bench]"`; or
`--locust` names its executable) for a bounded time: `--users` signed-in people (commissioner, councillor,
scrutiny, gateway panel, by session cookie) ask for one page at once, page after page, `--phase` seconds
each: `/session/status/`, then the dashboard, a strategy page, the programme, the council-wide highlight
report, the overlap finder, the forward plan and the meetings. Prints each page's requests/s and p95
beside `/session/status/`'s, and the ratio. Targets: every page ≥ 25% of `/session/status/`'s requests/s,
p95 ≤ 150 ms. Exits 1 when a page misses them. Keep it short: it loads the whole machine.

The page cache (commissioning.pagecache) is on, as deployed: each person's first view of a page is rendered
and the next ones served as kept, the data being unchanged. `--page-cache off` renders every request, which
is what each page costs on its first view or after any change to the council's data.
"""

import argparse
import csv
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RATIO_TARGET, P95_TARGET_MS = 0.25, 150
ROLES = ["commissioner", "councillor", "scrutiny", "gateway"]
TRIVIAL = "/session/status/"


def server_env(database: str, var_dir: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "commissioning.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "DEBUG": "off",
        "SECRET_KEY": f"bench-only-not-secret-{secrets.token_urlsafe(24)}",
        "SECURE_SSL_REDIRECT": "off",
        "STATIC_COMPRESS": "off",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "VAR_DIR": var_dir,
        "QUEUE_DIR": f"{var_dir}/queue",
        # As .env.example deploys it: each gunicorn worker keeps its database connection. Without it every
        # request opens one (a new PostgreSQL backend), which held /session/status/ to 136 requests/s.
        "CONN_MAX_AGE": "60",
    }
    env.pop("REDIS_URL", None)  # the filesystem queue; no worker runs
    return env


def prepare(scale: int) -> None:
    """In the server's settings: migrate, seed (if not yet), and print the plan: each role's session cookie
    and the main pages' addresses."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    call_command("seed_demo", scale=scale, verbosity=0)  # does nothing once seeded
    call_command("collectstatic", interactive=False, verbosity=0)
    from commissioning.models import User
    from strategies.models import Stage, Strategy

    cookies = {}
    for role in ROLES:
        client = Client()
        client.force_login(User.objects.get(username=role))
        client.get(
            reverse("home")
        )  # as a browser: its first page sets the CSRF cookie every later request sends
        cookies[role] = "; ".join(
            f"{name}={client.cookies[name].value}"
            for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
        )
    subject = Strategy.objects.filter(accountable_commissioner__username="commissioner", stage=Stage.PLAN)
    subject = subject.order_by("reference").first() or Strategy.objects.order_by("reference").first()
    pages = {
        "/session/status/": TRIVIAL,
        "dashboard": reverse("home"),
        "strategy page": reverse("strategies:detail", args=[subject.pk]),
        "programme": reverse("gateway:programme"),
        "highlight report": reverse("delivery:highlight"),
        "overlap finder": reverse("gateway:overlaps"),
        "forward plan": reverse("gateway:forward-plan") + "?months=12",
        "meetings": reverse("meetings:meetings"),
    }
    print(
        json.dumps(
            {
                "cookies": cookies,
                "pages": pages,
                "strategies": Strategy.objects.count(),
            }
        )
    )


def status(url: str, cookie: str) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310 - http on loopback
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--prepare", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--phase", type=float, default=5.0, help="seconds of load on each page")
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--page-cache",
        choices=["on", "off"],
        default="on",
        help="off: every page rendered (the first view's cost)",
    )
    parser.add_argument(
        "--writes",
        type=float,
        default=0,
        help="committed changes a second to the council's data meanwhile (each makes every kept page stale)",
    )
    parser.add_argument("--database", default=None, help="PostgreSQL database (default: one per scale)")
    parser.add_argument("--locust", default=shutil.which("locust") or str(Path(PYTHON).parent / "locust"))
    args = parser.parse_args()
    if args.prepare:
        prepare(args.prepare)
        return 0
    if not Path(args.locust).exists():
        raise SystemExit(f"No locust at {args.locust}: pip install -e '.[bench]', or give --locust.")
    urllib.request.install_opener(urllib.request.build_opener(NoRedirect))
    database = args.database or f"commissioning_load_{args.scale}"
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone():
            conn.execute(f'CREATE DATABASE "{database}"')
    var_dir = tempfile.mkdtemp(prefix="load-")
    env = server_env(database, var_dir)
    env["PAGE_CACHE_SECONDS"] = "300" if args.page_cache == "on" else "0"
    started = time.perf_counter()
    prepared = subprocess.run(
        [PYTHON, __file__, "--prepare", str(args.scale)], env=env, capture_output=True, text=True, cwd=ROOT
    )
    if prepared.returncode:
        raise SystemExit(f"Preparing failed:\n{prepared.stdout[-2000:]}\n{prepared.stderr[-4000:]}")
    plan = json.loads(prepared.stdout.strip().splitlines()[-1])
    print(
        f"Scale {args.scale}: {plan['strategies']} strategies (ready in {time.perf_counter() - started:.0f} s)"
    )

    host = f"http://127.0.0.1:{args.port}"
    gunicorn = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "commissioning.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
        ],  # fmt: skip
        env=env,
        cwd=ROOT,
    )
    try:
        cookie = plan["cookies"]["commissioner"]
        for _ in range(120):
            try:
                if status(host + TRIVIAL, cookie) == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise SystemExit("gunicorn did not answer")
        # Each page as each role may read it (the roles refused a page are left out of its phase).
        phases = []
        for name, url in plan["pages"].items():
            visits = [
                (role, url) for role, value in plan["cookies"].items() if status(host + url, value) == 200
            ]
            if not visits:
                raise SystemExit(f"{name} ({url}) answered no role with 200")
            phases.append((name, visits))
        plan["phases"] = phases
        writer = Writer(database, args.writes)
        try:
            return run_locust(args, host, plan)
        finally:
            writer.stop()
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        shutil.rmtree(var_dir, ignore_errors=True)


class Writer(threading.Thread):
    """`per_second` committed writes of the council's data (a directorate saved as it is: the page cache
    counts it as a change like any other), as officers working elsewhere would make, for as long as the run."""

    def __init__(self, database: str, per_second: float):
        super().__init__(daemon=True)
        self.database, self.per_second, self.done, self.writes = database, per_second, threading.Event(), 0
        if per_second > 0:
            self.start()

    def run(self):
        import psycopg

        with psycopg.connect(f"postgres://postgres@127.0.0.1:5432/{self.database}", autocommit=True) as conn:
            while not self.done.wait(1 / self.per_second):
                conn.execute(
                    "UPDATE commissioning_directorate SET name = name WHERE id = (SELECT min(id) FROM commissioning_directorate)"
                )
                self.writes += 1

    def stop(self):
        self.done.set()
        if self.per_second > 0:
            self.join(timeout=5)
            print(
                f"{self.writes} committed writes of the council's data during the run ({self.per_second:g} a second)"
            )


def run_locust(args, host: str, plan: dict) -> int:
    out = tempfile.mkdtemp(prefix="locust-")
    lead = 4.0  # locust's own start-up, before the first phase
    start = time.time() + lead
    seconds = int(lead + args.phase * len(plan["phases"]) + 3)
    env = {
        **os.environ,
        "LOAD_PLAN": json.dumps(plan),
        "LOAD_START": str(start),
        "LOAD_PHASE": str(args.phase),
    }
    subprocess.run(
        [
            args.locust,
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.users),
            "--run-time",
            f"{seconds}s",
            "--host",
            host,
            "--csv",
            f"{out}/load",
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],  # fmt: skip
        env=env,
        cwd=ROOT,
        capture_output=True,
        check=False,
        timeout=seconds + 60,
    )
    with open(f"{out}/load_stats.csv", newline="") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle) if row["Name"] != "Aggregated"}
    shutil.rmtree(out, ignore_errors=True)

    def rate(name):
        return int(rows[name]["Request Count"]) / args.phase if name in rows else 0.0

    base = rate(TRIVIAL)
    print(
        f"Load on loopback: gunicorn 2 workers, DEBUG off, {args.users} locust users, {args.phase:g} s per page, "
        f"page cache {args.page_cache}, one run"
    )
    print(
        f"{'page':<20}{'requests':>9}{'failed':>7}{'req/s':>8}{'p95 ms':>8}{'of /session/status/':>21}  verdict"
    )
    missed = []
    for name, _ in plan["phases"]:
        row = rows.get(name, {})
        p95 = float(row.get("95%") or 0)
        ratio = rate(name) / base if base else 0
        ok = name == TRIVIAL or (ratio >= RATIO_TARGET and p95 <= P95_TARGET_MS)
        if not ok:
            missed.append(name)
        print(
            f"{name:<20}{row.get('Request Count', 0):>9}{row.get('Failure Count', 0):>7}{rate(name):>8.1f}"
            f"{p95:>8.0f}{ratio:>20.0%}  {'' if name == TRIVIAL else ('ok' if ok else 'MISSED')}"
        )
    print(
        f"Targets: ≥ {RATIO_TARGET:.0%} of /session/status/'s requests/s and p95 ≤ {P95_TARGET_MS} ms: "
        + ("all met." if not missed else f"missed by {', '.join(missed)}.")
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
