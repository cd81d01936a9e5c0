"""A relation's rows, read once for many records: those a caller prefetched (meeting packs read a whole
agenda's strategies and plans in bulk), or else the relation's own query. The rules that read them
(snapshots, checklists) then stay in one place, whichever way they are called."""

from django.db.models import DecimalField, F, TextField, Value, Window
from django.db.models.functions import Cast, JSONObject, RowNumber


def prefetched(obj, name: str) -> bool:
    return name in getattr(obj, "_prefetched_objects_cache", {})


def rows(obj, name: str, query=lambda related: related.all()) -> list:
    related = getattr(obj, name)
    return list(related.all() if prefetched(obj, name) else query(related))


def by_pk(obj, name: str, query=lambda related: related.all()) -> list:
    return sorted(rows(obj, name, query), key=lambda row: row.pk)


def count(obj, name: str) -> int:
    return len(getattr(obj, name).all()) if prefetched(obj, name) else getattr(obj, name).count()


def attach(obj, name: str, found: list) -> None:
    """Give `obj` these rows as its relation `name`, as prefetch_related would: `getattr(obj, name).all()`
    then answers them with no query (for rows found among others already read)."""
    rows = getattr(obj, name).all()
    rows._result_cache = list(found)
    rows._prefetch_done = True
    if not hasattr(obj, "_prefetched_objects_cache"):
        obj._prefetched_objects_cache = {}
    obj._prefetched_objects_cache[name] = rows


def grouped(rows, key: str) -> dict[object, list]:
    """The rows by their attribute `key` (e.g. a foreign key's id), each group in the order given."""
    found: dict = {}
    for row in rows:
        found.setdefault(getattr(row, key), []).append(row)
    return found


def read_together(*querysets) -> list[list]:
    """The rows of these querysets (each of its own model, filtered), read in one query, each in its own
    order (its order_by, else its model's ordering): each row as a JSON object of its fields, the querysets
    joined by UNION ALL. For a page's few small relations that would each cost a query. Decimals travel as
    text, so none is rounded through a float; each field reads its value back as the database gives it."""
    if not querysets:
        return []
    parts = []
    for which, found in enumerate(querysets):
        fields = {
            f.attname: Cast(f.attname, TextField()) if isinstance(f, DecimalField) else F(f.attname)
            for f in found.model._meta.concrete_fields
        }
        ordering = list(found.query.order_by or found.model._meta.ordering) or ["pk"]
        order = [_ordered(o) for o in ordering]
        parts.append(
            found.order_by()
            .annotate(
                _which=Value(which), _position=Window(RowNumber(), order_by=order), _row=JSONObject(**fields)
            )
            .values_list("_which", "_position", "_row")
        )
    placed = [[] for _ in querysets]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    for which, position, row in rows:
        model = querysets[which].model
        fields = model._meta.concrete_fields
        values = [f.to_python(row[f.attname]) for f in fields]
        placed[which].append((position, model.from_db(rows.db, [f.attname for f in fields], values)))
    return [[obj for _, obj in sorted(found, key=lambda p: p[0])] for found in placed]


def _ordered(term):
    if not isinstance(term, str):
        return term
    return F(term[1:]).desc() if term.startswith("-") else F(term).asc()
