"""Signed-in pages kept as rendered, per session, until the council's data changes (issue 21, under load).

A page marked `@cached_page` is served from the "pages" cache when nothing it could show has changed since
it was rendered for the same session: the key holds the **content generation** (how many transactions that
wrote the council's data have committed, counted by PostgreSQL itself), the session, the CSRF secret, the
address with its query, the HTMX headers, the day in London and the code's version. Entries live at most
PAGE_CACHE_SECONDS, which bounds anything that turns with the clock within a day (a meeting starting).

The generation cannot miss a write, however it is made (ORM, `update()`, bulk, raw SQL, another process):
every table except those below has a statement trigger that records its transaction in `page_change`; the
row becomes visible when, and only when, the transaction commits, with the data. Readers count the rows (plus
what was folded into `page_change_base`), so no writer waits on another. Left out are the tables no cached
page shows and that change without anyone changing the council's data: sessions, the sign-in audit and
throttle, session tracking, the outbox's relay state, API tokens' "last used" and the generation's own
tables.

Served as cached only where it is the same page: a GET, signed in, no message waiting, not inside a
transaction (a write's own changes are not counted until it commits), on PostgreSQL. The session's end time
in the page is written in afresh; a page with the job-queue banner is neither served from nor kept in the
cache. Anything else falls through to rendering: the cache is never needed for a page to work.
"""

import functools
import hashlib
import logging
import zlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connection
from django.http import HttpResponse
from django.utils import timezone

from . import outbox
from .cachefailure import RestsAfterFailure
from .middleware import session_expiry

log = logging.getLogger(__name__)

# Tables whose writes do not change any cached page (see above). Everything else counts.
NOT_COUNTED = {
    "django_session",
    "django_migrations",
    "usersessions_usersession",
    "axes_accessattempt",
    "axes_accessfailurelog",
    "axes_accesslog",
    "commissioning_signinevent",
    "commissioning_outboxjob",
    "api_apitoken",  # its "last used" stamp, written once a minute while a program calls the API
    "page_change",
    "page_change_base",
}
TRIGGER = "page_change_counted"
# Folding the counted transactions into page_change_base once this many wait keeps each count small.
FOLD_AFTER = 1000

INSTALL_SQL = """
CREATE TABLE IF NOT EXISTS page_change (xid xid8 PRIMARY KEY);
CREATE TABLE IF NOT EXISTS page_change_base (id int PRIMARY KEY CHECK (id = 1), total bigint NOT NULL);
INSERT INTO page_change_base VALUES (1, 0) ON CONFLICT DO NOTHING;
CREATE OR REPLACE FUNCTION page_change_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO page_change VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
"""
GENERATION_SQL = "SELECT (SELECT total FROM page_change_base), (SELECT count(*) FROM page_change)"
# One statement: the rows folded and the total raised are seen together or not at all.
FOLD_SQL = """
WITH folded AS (DELETE FROM page_change RETURNING 1)
UPDATE page_change_base SET total = total + (SELECT count(*) FROM folded)
"""


def install(using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """After every migrate (post_migrate): the generation's tables, and the trigger on every table that
    counts, new ones included (and on none that does not). Idempotent; nothing on other databases than
    PostgreSQL."""
    from django.db import connections

    target = connections[using]
    if target.vendor != "postgresql":
        return
    with target.cursor() as cursor:
        cursor.execute(INSTALL_SQL)
        cursor.execute(
            """SELECT c.relname, EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = %s)
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()""",
            [TRIGGER],
        )
        for table, has_trigger in cursor.fetchall():
            if table in NOT_COUNTED:
                if has_trigger:  # left out since it was installed
                    cursor.execute(f'DROP TRIGGER {TRIGGER} ON "{table}"')
                continue
            if has_trigger:
                continue
            cursor.execute(
                f'CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
                "FOR EACH STATEMENT EXECUTE FUNCTION page_change_count()"
            )


def generation() -> int | None:
    """How many transactions that changed the council's data have committed; None where not counted."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(GENERATION_SQL)
        row = cursor.fetchone()
        if row is None or row[0] is None:
            return None  # not installed (a database not migrated by this version)
        if row[1] > FOLD_AFTER:
            cursor.execute(FOLD_SQL)
        return row[0] + row[1]


@functools.cache
def code_version() -> str:
    """The deployed code's fingerprint (each app's Python and templates, and the site's templates), so that a
    new release never serves a page its predecessor rendered."""
    root = Path(settings.BASE_DIR).resolve()
    folders = [
        Path(config.path) for config in apps.get_app_configs() if Path(config.path).is_relative_to(root)
    ]
    digest = hashlib.sha256()
    for folder in [*folders, root / "templates"]:
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".py", ".html", ".txt", ".svg"}:
                stat = path.stat()
                digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def _ends_at_attribute(request) -> str:
    ends_at, _ = session_expiry(request.session)
    return f'data-ends-at="{ends_at:.3f}"'


ENDS_AT_MARK = 'data-ends-at="@@session-ends-at@@"'


class _Cache(RestsAfterFailure):
    """The "pages" cache, or none for a while after it failed (commissioning.cachefailure)."""

    logger = log
    failing = "Pages are rendered each time: the page cache failed (%s)"
    answering = "Pages are kept again: the page cache answers"

    def get(self, key):
        if not self.usable():
            return None
        try:
            found = caches["pages"].get(key)
        except Exception as error:
            self.failed(error)
            return None
        self.answered()
        return found

    def set(self, key, value):
        if not self.usable():
            return
        try:
            caches["pages"].set(key, value, settings.PAGE_CACHE_SECONDS)
        except Exception as error:
            self.failed(error)


store = _Cache()


def page_key(request) -> str | None:
    """The cache key of this request's page, or None when it must be rendered afresh."""
    if not settings.PAGE_CACHE_SECONDS or request.method != "GET":
        return None
    user, session = getattr(request, "user", None), getattr(request, "session", None)
    if user is None or not user.is_authenticated or session is None or not session.session_key:
        return None
    if connection.in_atomic_block or "CSRF_COOKIE" not in request.META:
        return None
    storage = getattr(request, "_messages", None)
    if storage is not None and len(storage):
        return None
    if outbox.broker_recently_down():
        return None
    content = generation()
    if content is None:
        return None
    htmx = sorted((name, value) for name, value in request.headers.items() if name.lower().startswith("hx-"))
    parts = [
        code_version(),
        str(content),
        timezone.localdate().isoformat(),
        session.session_key,
        request.META["CSRF_COOKIE"],
        request.get_full_path(),
        repr(htmx),
    ]
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def cached_page(view):
    """Serve the view's page from the page cache while the council's data and the session are as they were
    when it was rendered (module docstring)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        key = page_key(request)
        if key is not None:
            kept = store.get(key)
            if kept is not None:
                content, headers = kept
                ends_at = _ends_at_attribute(request).encode()
                response = HttpResponse(zlib.decompress(content).replace(ENDS_AT_MARK.encode(), ends_at))
                for name, value in headers:
                    response[name] = value
                return response
        response = view(request, *args, **kwargs)
        if key is not None and _keepable(request, response):
            # The one part of the page that changes as the person acts: written in afresh when served.
            ends_at = _ends_at_attribute(request).encode()
            if response.content.count(ends_at) == 1:
                # Compressed (~0.3 ms): a page of 60-110 kB is kept in a sixth of that.
                content = zlib.compress(response.content.replace(ends_at, ENDS_AT_MARK.encode()), 1)
                store.set(key, (content, list(response.items())))
        return response

    return wrapper


def _keepable(request, response) -> bool:
    """A whole page, as anyone with this session would get it now (the view may have queued a message or met
    the job queue down while rendering)."""
    storage = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and not (storage is not None and len(storage))
        and not outbox.broker_recently_down()
        and not connection.in_atomic_block
    )
