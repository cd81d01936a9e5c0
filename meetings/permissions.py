"""Rights over meetings, agendas, work programmes and packs, each answering *allowed, and why not*. Who sits
on a board is members' to say (members.permissions.on_board, cached per request and dropped by its forget());
who is an officer concerned is the strategies' to say (strategies.permissions.can_edit)."""

from commissioning.permissions import ALLOW, Decision, deny, signed_in
from members.permissions import on_board
from strategies.permissions import can_edit, remember_editable

from .models import AgendaItem


def exempt_on_agenda(user) -> set[int]:
    """The strategies whose exempt records a board member reads because an exempt item of theirs is on the
    agenda of the board's meeting (its confidential pack goes to every member). Registered with
    strategies.permissions.add_exempt_readers."""
    return set(
        AgendaItem.objects.filter(
            confidential=True, strategy__isnull=False, meeting__board__memberships__member=user
        ).values_list("strategy_id", flat=True)
    )


def can_view(user, obj=None) -> Decision:
    """Meetings, agendas and work programmes are public business: every signed-in person may read them."""
    return signed_in(user)


def _concerned(user, meeting, confidential_only: bool) -> bool:
    """An officer concerned: a commissioner of a strategy on the agenda (of an exempt item, for the
    confidential pack)."""
    items = [i for i in meeting.items.all() if i.strategy_id and (i.confidential or not confidential_only)]
    remember_editable(user, [i.strategy for i in items])
    return any(can_edit(user, i.strategy) for i in items)


def can_manage_meetings(user, obj=None) -> Decision:
    """Setting up meetings, agendas and work programmes is democratic services' work: administrators."""
    if signed_in(user) and user.is_administrator:
        return ALLOW
    return deny("Only administrators can set up meetings, agendas and work programmes.")


def can_publish(user, meeting) -> Decision:
    """Publishing an agenda or a supplement is democratic services' act: administrators."""
    if not (signed_in(user) and user.is_administrator):
        return deny("Only democratic services (administrators) can publish an agenda.")
    if meeting.is_past:
        return deny("The meeting has taken place: its agenda can no longer be published.")
    return ALLOW


def can_view_meeting(user, meeting) -> Decision:
    """A meeting and its agenda are public business (exempt items show their title and the reason only)."""
    return signed_in(user)


def can_build_pack(user, meeting) -> Decision:
    decision = signed_in(user)
    if not decision:
        return decision
    if user.is_administrator or on_board(user, meeting.board):
        return ALLOW
    return deny(f"Only members of {meeting.board} and administrators can build its meeting packs.")


def can_download(user, meeting, *, part: str) -> Decision:
    """Members of the board, the officers concerned and administrators; nobody else. The confidential pack
    goes to the officers concerned with its exempt items only."""
    decision = signed_in(user)
    if not decision:
        return decision
    if user.is_administrator or on_board(user, meeting.board):
        return ALLOW
    if _concerned(user, meeting, confidential_only=part == "confidential"):
        return ALLOW
    what = "confidential pack" if part == "confidential" else "packs"
    return deny(
        f"This meeting's {what} can be downloaded by members of {meeting.board}, the officers concerned "
        "and administrators."
    )


def can_download_pack(user, pack) -> Decision:
    return can_download(user, pack.meeting, part=pack.part)
