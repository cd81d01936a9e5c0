""" "Your tasks": every open thing that is a user's to do, computed from the records themselves.

There is no task table to drift out of step: each stage app registers a provider (from its
AppConfig.ready) that reads its own records with a constant number of queries and yields `Task`s, or, where
one person may have many of a kind, returns them `Counted`: counted and put in order by the database, which
then reads only the first few a page shows. The core knows no app; it only collects, and sorts by due date
(undated tasks last).

(Not `tasks.py`: that name is Celery's, for background jobs.)
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import date

from django.utils import timezone


@dataclass(frozen=True)
class Task:
    kind: str  # a stable key, e.g. "approval", for filters and the API
    kind_label: str  # in words, e.g. "Approval to decide"
    title: str
    url: str  # the exact place to act
    due: date | None = None
    detail: str = ""

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < timezone.localdate()

    def as_dict(self) -> dict:
        return {**asdict(self), "overdue": self.overdue}


@dataclass(frozen=True)
class Counted:
    """A provider's tasks of one kind, kept in the database: `first(limit)` answers the first `limit` of them
    (all, if None) in the list's order (sort_key) and how many there are in all."""

    kind: str
    first: Callable[[int | None], tuple[list[Task], int]]


@dataclass(frozen=True)
class Listing:
    tasks: list[Task]  # the first few asked for, or all of them
    total: int  # how many there are in all
    kinds: Counter  # how many of each kind, of them all


Provider = Callable[[object, date], Iterable[Task] | Counted]
_providers: list[Provider] = []


def provider(func: Provider) -> Provider:
    """Register a provider `(user, today) -> tasks` (a decorator; import the module in AppConfig.ready)."""
    if func not in _providers:
        _providers.append(func)
    return func


def providers() -> list[Provider]:
    return list(_providers)


def sort_key(task: Task):
    return (task.due is None, task.due or date.max, task.title)


def tasks_for(user, today: date | None = None) -> list[Task]:
    """`user`'s open tasks, soonest due first; nothing for an anonymous or inactive user."""
    return listing(user, today=today).tasks


def listing(user, limit: int | None = None, today: date | None = None) -> Listing:
    """`user`'s first `limit` open tasks (all, if None), soonest due first, and how many there are of each
    kind. Of counted tasks only the first `limit` are read: the first `limit` of the whole list are among
    them and the other providers' tasks."""
    if not (user and user.is_authenticated and user.is_active):
        return Listing([], 0, Counter())
    today, limit = today or timezone.localdate(), limit or None
    found, kinds = [], Counter()
    for func in _providers:
        tasks = func(user, today)
        if isinstance(tasks, Counted):
            kind, (tasks, count) = tasks.kind, tasks.first(limit)
            if count:
                kinds[kind] += count
        else:
            tasks = list(tasks)
            kinds.update(task.kind for task in tasks)
        found += tasks
    found.sort(key=sort_key)
    return Listing(found[:limit] if limit else found, kinds.total(), kinds)
