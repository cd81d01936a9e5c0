"""Back up and restore the council's data: the database and the uploaded files (`make backup`, `make restore`).

    python scripts/backup.py backup [--to FOLDER]     # FOLDER/<UTC timestamp>/ (default: var/backups)
    python scripts/backup.py restore BACKUP_FOLDER    # into an empty database and an empty media folder

A backup folder holds database.dump (pg_dump's custom format, restored with pg_restore), media.tar.gz (every
file under MEDIA_ROOT: evidence, agenda documents, built meeting packs) and manifest.json (what was backed up,
with each file's SHA-256, checked again before a restore). With uploads in an S3 bucket
(AWS_STORAGE_BUCKET_NAME) the files are not copied: keep versioning on for the bucket, and restore the
objects as they were at the backup's time (manifest.json says when).

Settings are read as the app reads them (DATABASE_URL, MEDIA_ROOT, .env). The database may be PostgreSQL
(pg_dump and pg_restore must be on the PATH, of the server's major version or newer) or SQLite (for a
laptop's `make run`). A restore refuses a database that already has tables, or a media folder with files
in it, so it never mixes two councils' data: drop and create the database, empty the folder, then restore.
"""

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DUMP = "database.dump"
MEDIA = "media.tar.gz"
MANIFEST = "manifest.json"


class Refused(Exception):
    """Something a person must fix before the backup or restore can go ahead."""


def _settings():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commissioning.settings")
    from django.conf import settings

    database = settings.DATABASES["default"]
    return {
        "engine": "postgresql" if "postgresql" in database["ENGINE"] else "sqlite",
        "database": database,
        "media": Path(settings.MEDIA_ROOT),
        "bucket": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
    }


def _postgres_url(database) -> str:
    from urllib.parse import quote

    auth = quote(database.get("USER") or "", safe="")
    if database.get("PASSWORD"):
        auth += ":" + quote(database["PASSWORD"], safe="")
    host = database.get("HOST") or "localhost"
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgresql://{auth}{'@' if auth else ''}{host}{port}/{quote(database['NAME'], safe='')}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _run(command: list[str]) -> None:
    found = shutil.which(command[0])
    if found is None:
        raise Refused(f"{command[0]} is not installed: install the PostgreSQL client tools.")
    # The arguments are this script's own, with the configured database URL: no shell, nothing typed in.
    result = subprocess.run([found, *command[1:]], capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode:
        raise Refused(f"{command[0]} failed: {result.stderr.strip()}")


def backup(to: Path) -> Path:
    conf = _settings()
    folder = to / datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder.mkdir(parents=True, exist_ok=False)
    try:
        _write(conf, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # no half-made backup left to be mistaken for one
        raise
    return folder


def _write(conf, folder: Path) -> None:
    if conf["engine"] == "postgresql":
        # Custom format: compressed, and pg_restore can restore it into a database of another name.
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={folder / DUMP}",
              f"--dbname={_postgres_url(conf['database'])}"])  # fmt: skip
    else:
        source, copy = sqlite3.connect(conf["database"]["NAME"]), sqlite3.connect(folder / DUMP)
        try:
            source.backup(copy)  # a consistent copy, even while the app is writing
        finally:
            source.close()
            copy.close()
    files = []
    if not conf["bucket"]:
        with tarfile.open(folder / MEDIA, "w:gz") as archive:
            if conf["media"].exists():
                for path in sorted(p for p in conf["media"].rglob("*") if p.is_file()):
                    name = path.relative_to(conf["media"]).as_posix()
                    archive.add(path, arcname=name)
                    files.append(name)
    manifest = {
        "created_at": datetime.now(UTC).isoformat(),
        "engine": conf["engine"],
        "media": "in the S3 bucket (restore its versions as at created_at)" if conf["bucket"] else MEDIA,
        "media_files": len(files),
        "sha256": {name: _sha256(folder / name) for name in (DUMP, MEDIA) if (folder / name).exists()},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")


def _database_is_empty(conf) -> bool:
    if conf["engine"] == "postgresql":
        import psycopg

        with psycopg.connect(_postgres_url(conf["database"])) as conn:
            query = "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
            return conn.execute(query).fetchone()[0] == 0
    path = Path(conf["database"]["NAME"])
    if not path.exists():
        return True
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] == 0
    finally:
        conn.close()


def restore(folder: Path) -> None:
    conf = _settings()
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        raise Refused(f"{folder} is not a backup: it has no {MANIFEST}.")
    manifest = json.loads(manifest_path.read_text())
    if manifest["engine"] != conf["engine"]:
        raise Refused(
            f"This backup is of a {manifest['engine']} database; DATABASE_URL names {conf['engine']}."
        )
    for name, expected in manifest["sha256"].items():
        if _sha256(folder / name) != expected:
            raise Refused(f"{name} is not as it was backed up (its SHA-256 differs): it is damaged.")
    if not _database_is_empty(conf):
        raise Refused(
            "The database already has tables. Restore only into an empty database: drop and create it."
        )
    media_has_files = conf["media"].exists() and any(p.is_file() for p in conf["media"].rglob("*"))
    if (folder / MEDIA).exists() and media_has_files:
        raise Refused(f"The media folder {conf['media']} has files in it. Empty it, then restore.")
    if conf["engine"] == "postgresql":
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
              f"--dbname={_postgres_url(conf['database'])}", str(folder / DUMP)])  # fmt: skip
    else:
        shutil.copyfile(folder / DUMP, conf["database"]["NAME"])
    if (folder / MEDIA).exists():
        conf["media"].mkdir(parents=True, exist_ok=True)
        with tarfile.open(folder / MEDIA, "r:gz") as archive:
            archive.extractall(conf["media"], filter="data")  # no paths outside the folder, no devices


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    backing_up = commands.add_parser("backup", help="back up the database and media into a new folder")
    backing_up.add_argument("--to", type=Path, default=ROOT / "var" / "backups", help="default: var/backups")
    restoring = commands.add_parser("restore", help="restore a backup folder into an empty database")
    restoring.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "backup":
            print(f"Backed up to {backup(args.to)}")
        else:
            restore(args.folder)
            print(f"Restored from {args.folder}")
    except Refused as refusal:
        print(
            f"Nothing was changed: {refusal}" if args.command == "restore" else str(refusal), file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
