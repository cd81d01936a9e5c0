"""The restore drill (issue 16 item 8): `make backup` and `make restore` (scripts/backup.py) bring a council
back whole. A small demo council is seeded into a database of its own with files in its own media folder,
backed up, wiped (the database dropped and created again, the folder emptied) and restored; every table's
row count and every stored file's SHA-256 must match. It runs in CI (PostgreSQL and its client tools are
required there, like every service)."""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from psycopg import sql

from commissioning import roles
from meetings.models import AgendaItem
from strategies.models import EvidenceItem

from .. import factories
from ..conftest import ROOT, need

pytestmark = pytest.mark.postgres


def _admin(settings_dict):
    return psycopg.connect(
        dbname="postgres",
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        autocommit=True,
    )


def _url(settings_dict, name) -> str:
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{user}{password}{'@' if user else ''}{host}{port}/{name}"


def _recreate(admin, name, template=None) -> None:
    admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        create += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
    admin.execute(create)


def _row_counts(url) -> dict:
    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
            )
        ]
        return {
            t: conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(t))).fetchone()[0]
            for t in tables
        }


def _file_hashes(media: Path) -> dict:
    return {
        p.relative_to(media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(media.rglob("*"))
        if p.is_file()
    }


def _script(*args, url, media) -> subprocess.CompletedProcess:
    env = os.environ | {"DATABASE_URL": url, "MEDIA_ROOT": str(media), "DEBUG": "on"}
    env.pop("AWS_STORAGE_BUCKET_NAME", None)
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "backup.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=120,
    )


def _seed_small_council(media: Path) -> None:
    """A strategy in Do with its plans, options, contract world and history, plus uploaded files: evidence
    and an agenda item's PDF, in folders by date as the app stores them."""
    commissioner = factories.user(roles.COMMISSIONER, username="drill-commissioner")
    strategy = factories.StrategyFactory(commissioner=commissioner, title="Drill strategy", delivering=True)
    evidence = EvidenceItem(
        strategy=strategy, title="Joint needs assessment", kind=EvidenceItem.Kind.values[0]
    )
    evidence.file.save("needs.pdf", ContentFile(b"%PDF-1.4\n% evidence\n%%EOF\n"), save=True)
    item = factories.agenda_item(factories.meeting(), "document", title="Budget monitoring")
    item.document.save("budget.pdf", ContentFile(b"%PDF-1.4\n% budget\n" + bytes(range(256)) * 40), save=True)
    assert AgendaItem.objects.filter(pk=item.pk).exists()


# transaction=True: nothing is wrapped in a transaction, so the default connection can be pointed at the
# drill's own database while the small council is seeded.
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_row_and_every_file(settings, tmp_path):
    need(connection.vendor == "postgresql", "PostgreSQL")
    need(bool(shutil.which("pg_dump") and shutil.which("pg_restore")), "pg_dump and pg_restore")
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    test_db = connection.settings_dict["NAME"]
    drill = f"{test_db}_drill"[:63]
    url = _url(connection.settings_dict, drill)
    connection.close()
    with _admin(connection.settings_dict) as admin:
        try:  # a copy of the migrated test database: no migrate to wait for
            _recreate(admin, drill, template=test_db)
        except psycopg.errors.ObjectInUse:  # someone (a Celery worker test) is connected to it
            _recreate(admin, drill)
            dump = tmp_path / "template.dump"
            source = _url(connection.settings_dict, test_db)
            subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", source], check=True)
            subprocess.run(["pg_restore", "--no-owner", f"--dbname={url}", str(dump)], check=True)
        try:
            connection.settings_dict["NAME"] = drill
            try:
                _seed_small_council(media)
            finally:
                connection.close()
                connection.settings_dict["NAME"] = test_db
            counts, hashes = _row_counts(url), _file_hashes(media)
            assert counts["strategies_strategy"] >= 1 and counts["plans_deliveryoption"] >= 2
            assert len(hashes) == 2

            made = _script("backup", "--to", str(tmp_path / "backups"), url=url, media=media)
            assert made.returncode == 0, made.stderr
            folder = Path(made.stdout.split("Backed up to ", 1)[1].strip())
            assert {p.name for p in folder.iterdir()} == {
                "database.dump",
                "media.tar.gz",
                "manifest.json",
            }

            # A restore over live data is refused, and changes nothing.
            refused = _script("restore", str(folder), url=url, media=media)
            assert refused.returncode == 1 and "Nothing was changed" in refused.stderr

            _recreate(admin, drill)  # the wipe
            shutil.rmtree(media)
            media.mkdir()
            assert _row_counts(url) == {} and _file_hashes(media) == {}

            restored = _script("restore", str(folder), url=url, media=media)
            assert restored.returncode == 0, restored.stderr
            assert _row_counts(url) == counts
            assert _file_hashes(media) == hashes
        finally:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(drill)))


def test_a_damaged_backup_is_refused(tmp_path):
    folder = tmp_path / "20261205T120000Z"
    folder.mkdir()
    (folder / "database.dump").write_bytes(b"not what was backed up")
    (folder / "manifest.json").write_text(
        '{"engine": "postgresql", "sha256": {"database.dump": "' + "0" * 64 + '"}}'
    )
    result = _script("restore", str(folder), url="postgres://nobody@127.0.0.1:1/none", media=tmp_path / "m")
    assert result.returncode == 1
    assert "database.dump is not as it was backed up" in result.stderr
