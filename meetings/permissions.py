"""Rights over meetings, agendas, work programmes and packs, each answering *allowed, and why not*. Who sits
on a board is members' to say (members.permissions.on_board, cached per request and dropped by its forget());
who is an officer concerned is the strategies' to say (strategies.permissions.can_edit)."""

from django.utils import timezone

from commissioning.permissions import ALLOW, Decision, deny, signed_in
from members import interests
from members.models import Dispensation
from members.permissions import on_board
from strategies.permissions import can_edit, remember_editable

from .models import AgendaItem


def exempt_on_agenda(user_id) -> tuple:
    """The strategies whose exempt records a board member reads because an exempt item of theirs is on the
    agenda of the board's meeting (its confidential pack goes to every member). Registered with
    strategies.permissions.add_exempt_readers (a query of strategy ids, read there in one union)."""
    return (
        AgendaItem.objects.filter(
            confidential=True, strategy__isnull=False, meeting__board__memberships__member=user_id
        ).values_list("strategy_id", flat=True),
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


# The business of a meeting: attendance, declarations, resolutions, minutes ----------------------------------


def can_record_business(user, meeting=None) -> Decision:
    """Recording who attended, the interests declared, the resolutions and the minutes is democratic
    services' work: administrators. Members and everyone else read them."""
    if signed_in(user) and user.is_administrator:
        return ALLOW
    return deny("Only democratic services (administrators) record attendance, declarations and resolutions.")


def can_view_business(user, meeting=None) -> Decision:
    """Attendance, resolutions and approved minutes are public business: every signed-in person reads them."""
    return signed_in(user)


def can_view_resolution(user, resolution) -> Decision:
    """A resolution on an exempt item is exempt information too: read by those who may have the meeting's
    confidential pack; anyone else sees that the item was resolved on, not what."""
    decision = signed_in(user)
    if not decision or not resolution.item.confidential:
        return decision
    return can_download(user, resolution.item.meeting, part="confidential")


def has_dispensation(member, item, declaration) -> bool:
    """A dispensation covers the interest declared at the meeting: one recorded with the declaration, or
    one in force in the member's register of interests for the item's strategy (members.Dispensation)."""
    if declaration.dispensation.strip():
        return True
    today = timezone.localdate()
    return any(
        d.covers(member_id=member.pk, strategy_id=item.strategy_id, interest_id=None, on=today)
        for d in Dispensation.objects.filter(member=member, valid_from__lte=today, valid_until__gte=today)
    )


def may_vote(member, item, declarations=None, register=None) -> Decision:
    """A member who declared a disclosable pecuniary interest in an item may not vote on it unless a
    dispensation covers it (Localism Act 2011 s.31(4); dispensations s.33). `declarations`: the item's,
    if already read; `register`: interests.bars(item, people) for people including the member, if read."""
    from .models import Declaration

    if declarations is None:
        declarations = item.declarations.all()
    found = next((d for d in declarations if d.member_id == member.pk), None)
    if found and found.kind == Declaration.Kind.PECUNIARY and not has_dispensation(member, item, found):
        return deny(
            f"{member} declared a disclosable pecuniary interest in item {item.position} ({found.text or 'no details'}) "
            "and has no dispensation, so may not vote on it (Localism Act 2011, s.31)."
        )
    if item.strategy_id is not None and not (found and has_dispensation(member, item, found)):
        # The register of interests bars too: a disclosable pecuniary interest touching the item's strategy,
        # said to the clerk recording the vote (members.permissions.may_decide says it to the member).
        reason = (interests.bars(item, [member]) if register is None else register).get(member.pk)
        if reason:
            return deny(reason)
    return ALLOW


def barred_voters(voters, item, declarations=None) -> dict[int, Decision]:
    """may_vote's refusals among `voters`, by id: the register of interests read once for them all (a handful
    of queries, interests.bars), not once for each."""
    declarations = list(item.declarations.all()) if declarations is None else declarations
    register = interests.bars(item, voters) if item.strategy_id is not None else {}
    return {v.pk: d for v in voters if not (d := may_vote(v, item, declarations, register))}
