"""The council's rules for the business of meetings, as data (settings, or a board's own BoardQuorum): the
quorum of a board, and the municipal year attendance is counted in."""

import math
from datetime import date
from fractions import Fraction

from django.conf import settings


def _own(board):
    from .models import BoardQuorum

    return BoardQuorum.objects.filter(board_id=board.pk).first()


def quorum_of(board, members: int | None = None) -> int:
    """How many members (or their substitutes) must be present for `board` to do business: its own fixed
    number, or a fraction of its `members` (its membership now unless given) with a minimum; the council's
    default where the board sets none. Never more than the board has members."""
    own = _own(board)
    if members is None:
        members = board.memberships.count()
    if own and own.number:
        return own.number
    fraction = Fraction(own.fraction if own and own.fraction else settings.MEETING_QUORUM_FRACTION)
    minimum = own.minimum if own and own.minimum is not None else settings.MEETING_QUORUM_MINIMUM
    return min(members, max(minimum, math.ceil(fraction * members))) if members else minimum


def describe_quorum(board) -> str:
    own = _own(board)
    if own and own.number:
        return f"{own.number} members (set for this board)"
    fraction = own.fraction if own and own.fraction else settings.MEETING_QUORUM_FRACTION
    minimum = own.minimum if own and own.minimum is not None else settings.MEETING_QUORUM_MINIMUM
    source = "set for this board" if own else "the council's default"
    return f"{fraction} of its members, and at least {minimum} ({source})"


def year_start(day: date) -> date:
    """The first day of the municipal year `day` falls in (settings.MUNICIPAL_YEAR_STARTS, "MM-DD")."""
    month, start_day = (int(part) for part in settings.MUNICIPAL_YEAR_STARTS.split("-"))
    start = date(day.year, month, start_day)
    return start if day >= start else date(day.year - 1, month, start_day)


def year_bounds(first: date) -> tuple[date, date]:
    """The municipal year starting on `first`: its first day and the first day of the next."""
    return first, first.replace(year=first.year + 1)


def year_label(first: date) -> str:
    return f"{first.year}/{str(first.year + 1)[-2:]}"
