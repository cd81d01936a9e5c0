""" "Your tasks": every open thing that is a user's to do, computed from the records themselves.

There is no task table to drift out of step: each stage app registers a provider (from its
AppConfig.ready) that reads its own records with a constant number of queries and yields `Task`s. The core
knows no app; it only collects, and sorts by due date (undated tasks last).

(Not `tasks.py`: that name is Celery's, for background jobs.)
"""

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


Provider = Callable[[object, date], Iterable[Task]]
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
    if not (user and user.is_authenticated and user.is_active):
        return []
    today = today or timezone.localdate()
    found = [task for func in _providers for task in func(user, today)]
    return sorted(found, key=sort_key)
