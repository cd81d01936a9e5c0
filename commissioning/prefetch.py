"""A relation's rows, read once for many records: those a caller prefetched (meeting packs read a whole
agenda's strategies and plans in bulk), or else the relation's own query. The rules that read them
(snapshots, checklists) then stay in one place, whichever way they are called."""


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
