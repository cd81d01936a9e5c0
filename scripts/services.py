"""Find the PostgreSQL and Redis this machine offers, and print shell `export` lines for them.

Used by `make run` and `make test`: a configured DATABASE_URL / REDIS_URL wins; otherwise the local
defaults (127.0.0.1:5432 as postgres, 127.0.0.1:6379) are used when they answer; otherwise the embedded
defaults (SQLite, filesystem queue). With --require, a missing service is an error (CI).
"""

import argparse
import os
import socket
import sys
from urllib.parse import urlparse

LOCAL_PG = "postgres://postgres@127.0.0.1:5432/{db}"
LOCAL_REDIS = "redis://127.0.0.1:6379/{n}"


def answers(url: str) -> bool:
    parts = urlparse(url)
    default_port = {"redis": 6379, "rediss": 6379}.get(parts.scheme, 5432)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="commissioning")
    parser.add_argument("--redis-db", default="0")
    parser.add_argument("--require", action="store_true")
    args = parser.parse_args()
    out, notes, missing = [], [], []

    database = os.environ.get("DATABASE_URL") or LOCAL_PG.format(db=args.db)
    if answers(database) if database.startswith("postgres") else bool(os.environ.get("DATABASE_URL")):
        out.append(f"export DATABASE_URL={database}")
        notes.append(f"database: {urlparse(database).scheme} at {urlparse(database).hostname}")
    else:
        missing.append("PostgreSQL")
        out.append("unset DATABASE_URL")
        notes.append("database: SQLite (no PostgreSQL answered)")

    redis = os.environ.get("REDIS_URL") or LOCAL_REDIS.format(n=args.redis_db)
    if answers(redis):
        out.append(f"export REDIS_URL={redis}")
        notes.append(f"broker: Redis at {urlparse(redis).hostname}:{urlparse(redis).port or 6379}")
    else:
        missing.append("Redis")
        out.append("unset REDIS_URL")
        notes.append("broker: embedded filesystem queue (no Redis answered)")

    if args.require and missing:
        print(f"echo 'Required services are not reachable: {', '.join(missing)}' >&2; exit 1")
        return 0
    print("\n".join(out))
    print(f"echo '{'; '.join(notes)}'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
