"""Run a benchmark's measuring half in its own process, on a fresh database seeded by that process."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure_in_child(script: str, scale: int, database: str, name: str) -> dict:
    """`script --measure SCALE` with DEBUG on, no Redis (jobs are not run) and a new database called
    `name` (PostgreSQL) or a new SQLite file; returns the JSON its last line prints."""
    env = _fresh_environment(database, name)
    result = subprocess.run(
        [sys.executable, script, "--measure", str(scale)], env=env, capture_output=True, text=True, cwd=ROOT
    )
    if result.returncode != 0:
        raise SystemExit(f"scale {scale} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def serving_child(script: str, scale: int, database: str, name: str) -> subprocess.Popen:
    """`script --serve SCALE` as `measure_in_child` starts it, left running with its standard input and
    output as pipes: the parent asks it for one measurement at a time, so that several scales are measured
    side by side, turn by turn, and the machine's changes of speed fall on all of them alike."""
    return subprocess.Popen(
        [sys.executable, script, "--serve", str(scale)],
        env=_fresh_environment(database, name),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        bufsize=1,
    )


def _fresh_environment(database: str, name: str) -> dict:
    env = {**os.environ, "DEBUG": "on"}
    workdir = tempfile.mkdtemp(prefix=f"{name}-")
    if database == "postgres":
        import psycopg

        with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    env.pop("REDIS_URL", None)
    env["VAR_DIR"] = workdir
    return env
