"""Search across everything a user may read: one index (commissioning.SearchEntry) that each stage app feeds.

Each app registers its searchable kinds from its AppConfig.ready: the model, how a record reads as a
`Document` (title, body, link, strategy, date), and which records a user may open (its own permissions, as a
queryset filter, so nothing appears that the user could not open: a confidential contract's supplier is found
only by those who may read the contract). Saving or deleting a record updates its entry in the same
transaction; `manage.py rebuild_search_index` rebuilds them all (after an import that bypassed save()).

On PostgreSQL: a weighted tsvector (title A, body B; English stemming) stored in a GIN-indexed column, matched
with websearch_to_tsquery (quoted phrases, OR, -word), ranked by ts_rank; when nothing matches, trigram word
similarity on titles finds near misses ("advocay"). Elsewhere (SQLite): every word found in the title or body,
case-insensitively. Both answer the same `Results`, with the matching words highlighted.

Constant queries: one for the counts by kind and one for the first hits of each kind (a window function),
however many kinds and records there are.
"""

import datetime
import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, Count, F, FloatField, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.db.models.signals import post_delete, post_save
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import SearchEntry

CONFIG = "english"
PER_KIND = 10  # hits shown under each kind (the counts say how many there are)
SNIPPET = 220  # characters of the body shown around the first match


@dataclass(frozen=True)
class Document:
    title: str
    body: str
    url: str
    strategy_id: int | None = None
    date: datetime.date | None = None


@dataclass(frozen=True)
class Kind:
    key: str  # stored in the index and used in ?kind=
    label: str  # the heading of its group, plural ("Contracts")
    model: type
    document: Callable[[object], Document]
    # `readable(user, queryset)` -> the records of the queryset the user may open; None: everyone signed in.
    readable: Callable | None = None
    # The records to index on a rebuild (with what document() reads, selected).
    queryset: Callable | None = None

    def all(self):
        return self.queryset() if self.queryset else self.model._default_manager.all()


@dataclass(frozen=True)
class Filter:
    """A filter on the records' strategy (stage, directorate), registered by the app that knows strategies."""

    name: str
    label: str
    choices: Callable[[], list[tuple[str, str]]]
    # `apply(entries, value)` -> the entries (a SearchEntry queryset) that pass.
    apply: Callable


_kinds: dict[str, Kind] = {}
_filters: dict[str, Filter] = {}


def register(kind: Kind) -> Kind:
    _kinds[kind.key] = kind
    post_save.connect(_saved, sender=kind.model, dispatch_uid=f"search-save-{kind.key}", weak=False)
    post_delete.connect(_deleted, sender=kind.model, dispatch_uid=f"search-delete-{kind.key}", weak=False)
    return kind


def add_filter(found: Filter) -> None:
    _filters[found.name] = found


def kinds() -> list[Kind]:
    return list(_kinds.values())


def filters() -> list[Filter]:
    return list(_filters.values())


# Indexing --------------------------------------------------------------------------------------------------


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


def _vector(title="title", body="body"):
    """The weighted words of a title and body: the columns', or (given as values) those about to be written."""
    return SearchVector(title, weight="A", config=CONFIG) + SearchVector(body, weight="B", config=CONFIG)


_FIELDS = ["title", "body", "url", "strategy_id", "date"]


def _entry(kind: Kind, obj) -> SearchEntry:
    doc = kind.document(obj)
    return SearchEntry(
        kind=kind.key,
        object_id=obj.pk,
        title=doc.title[:300],
        body=doc.body,
        url=doc.url[:300],
        strategy_id=doc.strategy_id,
        date=doc.date,
    )


def _upsert(entries: list, fields=_FIELDS) -> None:
    """INSERT ... ON CONFLICT DO UPDATE: new entries added, existing ones rewritten (in one statement)."""
    SearchEntry.objects.bulk_create(
        entries, update_conflicts=True, unique_fields=["kind", "object_id"], update_fields=fields
    )


def _store(kind: Kind, obj, *, weigh: bool = False) -> None:
    """The record's entry written in one statement (an INSERT ... ON CONFLICT DO UPDATE); with `weigh` (on
    PostgreSQL), its words weighed into the vector in that same statement."""
    entry = _entry(kind, obj)
    if weigh:
        entry.vector = _vector(Value(entry.title), Value(entry.body))
        _upsert([entry], [*_FIELDS, "vector"])
    else:
        _upsert([entry])


def index(kind: Kind, obj) -> None:
    _store(kind, obj, weigh=on_postgres())


def _kinds_of(model):
    return [k for k in _kinds.values() if k.model is model]


# While deferred(): the (kind, id) of the records saved, in the order their entries would have been added.
_deferred: dict | None = None


def _saved(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures: rebuild_search_index afterwards
        return
    for kind in _kinds_of(sender):
        if _deferred is None:
            index(kind, instance)
        else:
            _deferred.setdefault((kind.key, instance.pk))


def _deleted(sender, instance, **kwargs):
    for kind in _kinds_of(sender):
        if _deferred is None:
            SearchEntry.objects.filter(kind=kind.key, object_id=instance.pk).delete()
        else:
            _deferred.pop((kind.key, instance.pk), None)


@contextmanager
def deferred():
    """No entry written per save or delete while inside (seed_demo writes thousands of records, then dates
    them with update(), which saving does not see): every entry is written once, by rebuild(), on leaving.
    The records saved inside get their entries first, in the order saving would have added them, so their
    ids (which break ties in the ranking) are in the same order as if each had been indexed when saved."""
    global _deferred
    outer, _deferred = _deferred, {}
    try:
        yield
        first = list(_deferred)
    finally:
        _deferred = outer
    rebuild(first=first)


def rebuild(batch: int = 500, first=()) -> int:
    """Every registered kind indexed again from its records; entries of records gone are dropped. The
    records `first` names ((kind, id) pairs) are written first, in that order."""
    SearchEntry.objects.exclude(kind__in=list(_kinds)).delete()
    wanted: dict[str, list] = {}
    for key, pk in first:
        wanted.setdefault(key, []).append(pk)
    found = {key: _kinds[key].all().in_bulk(pks) for key, pks in wanted.items() if key in _kinds}
    done = set()
    entries = []
    for key, pk in first:
        obj = found.get(key, {}).get(pk)
        if obj is not None and (key, pk) not in done:
            done.add((key, pk))
            entries.append(_entry(_kinds[key], obj))
    for start in range(0, len(entries), batch):
        _upsert(entries[start : start + batch])
    count = len(entries)
    for kind in _kinds.values():
        records = kind.all()
        SearchEntry.objects.filter(kind=kind.key).exclude(object_id__in=records.values("pk")).delete()
        entries = []
        for obj in records.iterator(chunk_size=batch):
            if (kind.key, obj.pk) in done:
                continue
            entries.append(_entry(kind, obj))
            if len(entries) == batch:
                _upsert(entries)
                count += len(entries)
                entries = []
        _upsert(entries)
        count += len(entries)
    if on_postgres():
        SearchEntry.objects.update(vector=_vector())
    return count


def text(*parts) -> str:
    """The body of a document: the non-empty parts, a paragraph each."""
    return "\n\n".join(str(p).strip() for p in parts if p and str(p).strip())


# Searching -------------------------------------------------------------------------------------------------


@dataclass
class Hit:
    kind: str
    title: SafeString
    url: str
    snippet: SafeString
    date: datetime.date | None


@dataclass
class Group:
    key: str
    label: str
    count: int
    hits: list[Hit] = field(default_factory=list)


@dataclass
class Results:
    query: str
    groups: list[Group]
    near_misses: bool = False  # nothing matched the words: these are titles spelt nearly so

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)


def readable_entries(user):
    """The index entries of the records this user may open: each kind asks its app (a subquery each)."""
    if not (user and user.is_authenticated and user.is_active):
        return SearchEntry.objects.none()
    allowed = Q(pk__in=[])
    for kind in _kinds.values():
        if kind.readable is None:
            allowed |= Q(kind=kind.key)
        else:
            ids = kind.readable(user, kind.model._default_manager.all()).values("pk")
            allowed |= Q(kind=kind.key, object_id__in=ids)
    return SearchEntry.objects.filter(allowed)


_OPERATORS = {"or", "and", "not"}


def terms(query: str) -> list[str]:
    """The words searched for (websearch syntax's quotes, OR and -word left out)."""
    words = re.findall(r"-?\w+", query.lower())
    return [w for w in words if not w.startswith("-") and w not in _OPERATORS]


def _matching(entries, query: str):
    """The entries matching, and how to rank them."""
    if on_postgres():
        wanted = SearchQuery(query, search_type="websearch", config=CONFIG)
        return entries.filter(vector=wanted), SearchRank(F("vector"), wanted)
    words = terms(query)
    if not words:
        return entries.none(), Value(0.0, output_field=FloatField())
    for word in words:
        entries = entries.filter(Q(title__icontains=word) | Q(body__icontains=word))
    first = When(title__icontains=words[0], then=Value(1.0))
    return entries, Case(first, default=Value(0.5), output_field=FloatField())


def _near(entries, query: str):
    """Titles with a word spelt nearly as searched (PostgreSQL's pg_trgm, by the trigram index)."""
    if not on_postgres():
        return entries.none(), Value(0.0, output_field=FloatField())
    return entries.filter(TrigramWordSimilar(F("title"), Value(query))), TrigramWordSimilarity(query, "title")


def _counts(found) -> dict[str, int]:
    return dict(found.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))


def search(
    user,
    query: str,
    *,
    kinds: list[str] | None = None,
    scope: dict[str, str] | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    per_kind: int = PER_KIND,
) -> Results:
    query = (query or "").strip()[:200]
    if not query:
        return Results(query, [])
    entries = readable_entries(user)
    if kinds:
        entries = entries.filter(kind__in=kinds)
    for name, value in (scope or {}).items():
        if value and name in _filters:
            entries = _filters[name].apply(entries, value)
    if date_from:
        entries = entries.filter(date__gte=date_from)
    if date_to:
        entries = entries.filter(date__lte=date_to)

    near = False
    found, rank = _matching(entries, query)
    counts = _counts(found)
    if not counts:
        (found, rank), near = _near(entries, query), True
        counts = _counts(found)
    if not counts:
        return Results(query, [])
    hits = (
        found.annotate(
            rank=rank,
            place=Window(RowNumber(), partition_by=[F("kind")], order_by=[rank.desc(), F("pk").desc()]),
        )
        .filter(place__lte=per_kind)
        .order_by("kind", "place")
        .values("kind", "title", "body", "url", "date")
    )
    words = terms(query)
    by_kind: dict[str, list[Hit]] = {}
    for row in hits:
        by_kind.setdefault(row["kind"], []).append(
            Hit(
                row["kind"],
                highlight(row["title"], words),
                row["url"],
                snippet(row["body"], words),
                row["date"],
            )
        )
    groups = [
        Group(key, kind.label, counts[key], by_kind.get(key, []))
        for key, kind in _kinds.items()
        if counts.get(key)
    ]
    return Results(query, groups, near)


# Highlighting ----------------------------------------------------------------------------------------------


def _pattern(words: list[str]):
    """Words beginning as the searched ones do (English stems: "advocacy" finds "advocate")."""
    stems = sorted({w[: max(4, len(w) - 3)] if len(w) > 5 else w for w in words}, key=len, reverse=True)
    if not stems:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE)


def highlight(value: str, words: list[str]) -> SafeString:
    """The text, escaped, with the matching words in <mark>."""
    pattern = _pattern(words)
    if pattern is None:
        return escape(value)
    out, at = [], 0
    for match in pattern.finditer(value):
        out.append(escape(value[at : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        at = match.end()
    out.append(escape(value[at:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def snippet(body: str, words: list[str]) -> SafeString:
    """Some of the body around its first match (or its start), highlighted."""
    body = " ".join((body or "").split())
    pattern = _pattern(words)
    match = pattern.search(body) if pattern else None
    start = max(0, match.start() - SNIPPET // 3) if match else 0
    piece = body[start : start + SNIPPET]
    if start > 0:
        piece = "…" + piece.split(" ", 1)[-1]
    if start + SNIPPET < len(body):
        piece = piece.rsplit(" ", 1)[0] + "…"
    return highlight(piece, words)
