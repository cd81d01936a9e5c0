"""Writes for meetings, agendas, work programmes and pack builds: one keyword-only function per action,
taking plain data and the acting user, in one transaction, its history recorded with that user
(commissioning.history.audited)."""

import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.dispatch import Signal
from django.utils import timezone

from commissioning import formatting, outbox
from commissioning.dates import check_dates
from commissioning.history import audited
from commissioning.permissions import require
from commissioning.versioning import changes_since, delete_if_current, save_if_current
from members.models import BoardMembership

from . import drafting, pdf_tags, permissions, publication, rules, timetable
from .models import (
    AgendaItem,
    AgendaItemKind,
    Attendance,
    BoardQuorum,
    Declaration,
    Meeting,
    MinutesVersion,
    Outcome,
    PackBuild,
    Publication,
    Resolution,
    Vote,
    WorkProgrammeItem,
)

# Sent inside the transaction that publishes an agenda or supplement (`publication`): what listens (the public
# site's subscriptions) writes its e-mails to the outbox in that same transaction.
published = Signal()

# Meetings, agendas and work programmes ----------------------------------------------------------------------


def _renumber(meeting) -> None:
    for position, item in enumerate(meeting.items.order_by("position", "pk"), start=1):
        if item.position != position:
            AgendaItem.objects.filter(pk=item.pk).update(position=position)


def _next_position(meeting) -> int:
    return (meeting.items.aggregate(p=Max("position"))["p"] or 0) + 1


@transaction.atomic
def create_meeting(*, board, starts_at, venue: str, acting_user) -> Meeting:
    """Set up a meeting: the board's work programme items due by its date become its first agenda items."""
    require(permissions.can_manage_meetings(acting_user))
    check_dates({"starts_at": starts_at}, Meeting)
    meeting = audited(Meeting(board=board, starts_at=starts_at, venue=venue), acting_user)
    meeting.save()
    due = (
        WorkProgrammeItem.objects.select_for_update()
        .filter(board=board, agenda_item__isnull=True, due_from__lte=timezone.localtime(starts_at).date())
        .order_by("due_from", "pk")
    )
    for position, planned in enumerate(due, start=1):
        item = audited(
            AgendaItem(
                meeting=meeting,
                position=position,
                kind=planned.kind,
                title=planned.title,
                strategy_id=planned.strategy_id,
            ),
            acting_user,
            "From the work programme",
        )
        item.save()
        planned.agenda_item = item
        audited(planned, acting_user, f"Placed on the agenda of {meeting}").save()
    return meeting


def save_meeting(*, meeting, seen_version: int, starts_at, venue: str, minutes: str, acting_user) -> Meeting:
    """Change a meeting's date, venue or minutes, refusing a stale form (StaleEdit). Once its minutes are
    approved they are frozen: a change to them is refused."""
    require(permissions.can_manage_meetings(acting_user))
    check_dates({"starts_at": starts_at}, Meeting)

    def apply(obj):
        if minutes != obj.minutes:
            _refuse_if_frozen(obj, field="minutes")
        obj.starts_at, obj.venue, obj.minutes = starts_at, venue, minutes

    return save_if_current(Meeting, meeting.pk, seen_version, apply, acting_user)


def _appendix_pages(document) -> int:
    """The pages of an agenda item's PDF, refused past APPENDIX_MAX_PAGES: every page is laid into the
    meeting pack, so one very long appendix would make a pack too large to build or to read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        document.seek(0)
        pages = len(PdfReader(document).pages)
        document.seek(0)
    except (PyPdfError, ValueError, OSError, KeyError) as error:
        raise ValidationError({"document": "The document must be a PDF"}) from error
    limit = settings.APPENDIX_MAX_PAGES
    if pages > limit:
        raise ValidationError(
            {
                "document": f"The document has {pages:,} pages: an appendix can have up to {limit:,}. "
                "Split it, or link to it from the report instead"
            }
        )
    return pages


def _appendix_tagged(document) -> bool:
    """Whether an uploaded PDF is tagged: an untagged one is marked in the agenda, the pack and its summary."""
    document.seek(0)
    tagged = pdf_tags.is_tagged(document.read())
    document.seek(0)
    return tagged


@transaction.atomic
def add_item(
    *,
    meeting,
    kind: str,
    title: str,
    strategy=None,
    document=None,
    document_pages: int = 0,
    confidential: bool = False,
    exemption: str = "",
    acting_user,
) -> AgendaItem:
    """Put an item at the end of the agenda. `document`: an uploaded PDF of `document_pages` pages."""
    require(permissions.can_manage_meetings(acting_user))
    tagged = None
    if document:
        document_pages = _appendix_pages(document)
        tagged = _appendix_tagged(document)
    Meeting.objects.select_for_update().get(pk=meeting.pk)  # one new position at a time
    item = audited(
        AgendaItem(
            meeting=meeting,
            position=_next_position(meeting),
            kind=kind,
            title=title,
            strategy=strategy,
            document=document,
            document_pages=document_pages,
            document_tagged=tagged,
            confidential=confidential,
            exemption=exemption,
        ),
        acting_user,
    )
    item.save()
    return item


def save_item(
    *, item, seen_version: int, changes: dict, document_pages: int | None = None, acting_user
) -> AgendaItem:
    """Change an agenda item's fields (`changes`, by name), refusing a stale form (StaleEdit). A new
    document comes with its `document_pages`."""
    require(permissions.can_manage_meetings(acting_user))
    tagged = None
    if changes.get("document"):
        document_pages = _appendix_pages(changes["document"])
        tagged = _appendix_tagged(changes["document"])

    def apply(obj):
        for name, value in changes.items():
            if name == "document" and not value:
                continue  # no new upload: keep the one stored
            setattr(obj, name, value)
        if document_pages is not None:
            obj.document_pages = document_pages
        if tagged is not None:
            obj.document_tagged = tagged

    return save_if_current(AgendaItem, item.pk, seen_version, apply, acting_user)


@transaction.atomic
def remove_item(*, item, seen_version: int, acting_user) -> None:
    require(permissions.can_manage_meetings(acting_user))
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    # A work programme item placed here goes back to the programme, to be placed again.
    WorkProgrammeItem.objects.filter(agenda_item=item).update(agenda_item=None)
    delete_if_current(AgendaItem, item.pk, seen_version, acting_user, meeting=meeting)
    _renumber(meeting)


@transaction.atomic
def move_item(*, item, up: bool, acting_user) -> None:
    require(permissions.can_manage_meetings(acting_user))
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    items = list(meeting.items.order_by("position", "pk"))
    at = next((n for n, i in enumerate(items) if i.pk == item.pk), None)
    other = None if at is None else (at - 1 if up else at + 1)
    if other is None or not 0 <= other < len(items):
        return
    items[at], items[other] = items[other], items[at]
    for position, moved in enumerate(items, start=1):
        if moved.position != position:
            moved.position = position
            audited(moved, acting_user, "Moved on the agenda").save()


@transaction.atomic
def add_to_work_programme(
    *, board, title: str, kind: str, due_from, strategy=None, notes: str = "", acting_user
) -> WorkProgrammeItem:
    require(permissions.can_manage_meetings(acting_user))
    check_dates({"due_from": due_from}, WorkProgrammeItem)
    planned = audited(
        WorkProgrammeItem(
            board=board,
            title=title,
            kind=kind,
            strategy=strategy,
            due_from=due_from,
            notes=notes,
            added_by=acting_user,
        ),
        acting_user,
    )
    planned.save()
    return planned


def remove_from_work_programme(*, planned, seen_version: int, acting_user) -> None:
    require(permissions.can_manage_meetings(acting_user))
    delete_if_current(WorkProgrammeItem, planned.pk, seen_version, acting_user, board_id=planned.board_id)


# The business of a meeting: attendance, declarations, resolutions and minutes -----------------------------


def _refuse_if_frozen(meeting, field=None) -> None:
    """A meeting whose minutes were approved keeps the record they were approved from: nothing changes."""
    approved = MinutesVersion.objects.filter(meeting_id=meeting.pk).order_by("-version").first()
    if approved:
        message = (
            f"The minutes of this meeting were approved as a correct record on "
            f"{timezone.localdate(approved.approved_at):%-d %B %Y}: its record can no longer change."
        )
        raise ValidationError({field: message} if field else message)


def _locked(meeting) -> Meeting:
    """The meeting, its row locked (one change to its record at a time), refused once its minutes are frozen."""
    meeting = Meeting.objects.select_for_update().select_related("board").get(pk=meeting.pk)
    _refuse_if_frozen(meeting)
    return meeting


@transaction.atomic
def set_quorum(*, board, number=None, fraction: str = "", minimum=None, acting_user) -> BoardQuorum | None:
    """Set a board's own quorum (its terms of reference): a fixed number, or a fraction with a minimum. All
    blank: the council's default again."""
    require(permissions.can_manage_meetings(acting_user))
    if number is not None and fraction:
        raise ValidationError({"fraction": "Give either a fixed number or a fraction, not both"})
    found = BoardQuorum.objects.select_for_update().filter(board=board).first()
    if number is None and not fraction and minimum is None:
        if found:
            audited(found, acting_user, "Back to the council's default").delete()
        return None
    quorum = found or BoardQuorum(board=board)
    quorum.number, quorum.fraction, quorum.minimum = number, fraction, minimum
    quorum.full_clean(exclude=["board"])
    audited(quorum, acting_user).save()
    return quorum


@transaction.atomic
def record_attendance(*, meeting, statuses: dict, acting_user) -> list[Attendance]:
    """Record the board's members as present, sending apologies or absent (`statuses`: member id ->
    Attendance.Status; a member left out is left as recorded)."""
    require(permissions.can_record_business(acting_user, meeting))
    meeting = _locked(meeting)
    members = {m.member_id: m.member for m in meeting.board.memberships.select_related("member")}
    recorded = {a.person_id: a for a in meeting.attendance.select_for_update()}
    substituted = {a.substitute_for_id: a for a in recorded.values() if a.substitute_for_id}
    saved = []
    for member_id, status in statuses.items():
        if not status:
            continue
        if member_id not in members:
            raise ValidationError(
                f"Only members of {meeting.board} are recorded here; add others as substitutes or officers."
            )
        if status not in Attendance.MEMBER_STATUSES:
            raise ValidationError(f"{members[member_id]}: choose present, apologies or absent.")
        if status == Attendance.Status.PRESENT and member_id in substituted:
            raise ValidationError(
                f"{members[member_id]} has a substitute ({substituted[member_id].person}), so cannot also be "
                "present: remove the substitute first."
            )
        row = recorded.get(member_id) or Attendance(meeting=meeting, person=members[member_id])
        if row.pk and row.status == status:
            continue
        row.status = status
        audited(row, acting_user).save()
        saved.append(row)
    return saved


@transaction.atomic
def add_attendee(
    *, meeting, person, status: str, substitute_for=None, role: str = "", acting_user
) -> Attendance:
    """Record a substitute sitting for a member of the board who is not present, or an officer in attendance."""
    require(permissions.can_record_business(acting_user, meeting))
    meeting = _locked(meeting)
    members = set(meeting.board.memberships.values_list("member_id", flat=True))
    if meeting.attendance.filter(person=person).exists():
        raise ValidationError({"person": f"{person} is already recorded at this meeting"})
    if status == Attendance.Status.SUBSTITUTE:
        if substitute_for is None:
            raise ValidationError({"substitute_for": "Select the member they substitute for"})
        if person.pk in members:
            raise ValidationError(
                {"person": f"{person} is a member of {meeting.board}, so cannot substitute"}
            )
        if substitute_for.pk not in members:
            raise ValidationError({"substitute_for": f"{substitute_for} is not a member of {meeting.board}"})
        if meeting.attendance.filter(person=substitute_for, status=Attendance.Status.PRESENT).exists():
            raise ValidationError({"substitute_for": f"{substitute_for} is present, so needs no substitute"})
        if meeting.attendance.filter(substitute_for=substitute_for).exists():
            raise ValidationError({"substitute_for": f"{substitute_for} already has a substitute"})
    elif status == Attendance.Status.OFFICER:
        substitute_for = None
    else:
        raise ValidationError({"status": "Choose substitute or officer in attendance"})
    row = Attendance(meeting=meeting, person=person, status=status, substitute_for=substitute_for, role=role)
    audited(row, acting_user).save()
    return row


@transaction.atomic
def remove_attendee(*, attendance, acting_user) -> None:
    require(permissions.can_record_business(acting_user, attendance.meeting))
    _locked(attendance.meeting)
    audited(attendance, acting_user, "Removed from the attendance").delete()


def quorum(meeting) -> tuple[int, int]:
    """(present, needed): the members and substitutes recorded as present, and the board's quorum."""
    present = meeting.attendance.filter(status__in=Attendance.VOTING).count()
    return present, rules.quorum_of(meeting.board)


def _voters(meeting) -> dict:
    """The people who may vote at the meeting: members present and substitutes, by id."""
    return {
        a.person_id: a.person
        for a in meeting.attendance.filter(status__in=Attendance.VOTING).select_related("person")
    }


@transaction.atomic
def record_declaration(
    *, item, member, kind: str, text: str = "", dispensation: str = "", acting_user
) -> Declaration:
    """Record an interest a member declared at the meeting on an agenda item (or that they confirmed none)."""
    meeting = item.meeting
    require(permissions.can_record_business(acting_user, meeting))
    meeting = _locked(meeting)
    attending = set(
        meeting.attendance.filter(status__in=Attendance.VOTING).values_list("person_id", flat=True)
    )
    if member.pk not in attending:
        raise ValidationError({"member": f"{member} is not recorded as present at this meeting"})
    if kind not in Declaration.Kind.values:
        raise ValidationError({"kind": "Choose the kind of interest"})
    if kind != Declaration.Kind.NONE and not text.strip():
        raise ValidationError({"text": "Say what the interest is"})
    row = item.declarations.filter(member=member).first() or Declaration(item=item, member=member)
    row.kind, row.text, row.dispensation = (
        kind,
        text,
        dispensation if kind == Declaration.Kind.PECUNIARY else "",
    )
    audited(row, acting_user).save()
    return row


@transaction.atomic
def remove_declaration(*, declaration, acting_user) -> None:
    require(permissions.can_record_business(acting_user, declaration.item.meeting))
    _locked(declaration.item.meeting)
    audited(declaration, acting_user, "Declaration removed").delete()


def _check_vote(outcome, unanimous, counts, voters, barred) -> None:
    votes_for, votes_against, abstentions = counts
    if outcome == Outcome.NOTED or unanimous:
        return
    if None in counts:
        raise ValidationError(
            {
                "votes_for": "Give the vote: the numbers for, against and abstaining (0 if none), or tick unanimous"
            }
        )
    able = len(voters) - len(barred)
    if sum(counts) > able:
        barring = f", {len(barred)} of whom may not vote on this item" if barred else ""
        raise ValidationError(
            {
                "votes_for": f"{sum(counts)} votes were counted, but {len(voters)} members are present{barring}: "
                f"at most {able} can vote"
            }
        )
    if outcome == Outcome.CARRIED and votes_for < votes_against:
        raise ValidationError({"outcome": "More voted against than for: the motion was lost"})
    if outcome == Outcome.LOST and votes_for > votes_against:
        raise ValidationError({"outcome": "More voted for than against: the motion was carried"})


@transaction.atomic
def record_resolution(
    *,
    item,
    wording: str,
    outcome: str = Outcome.CARRIED,
    unanimous: bool = False,
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
    named_votes: dict | None = None,
    discussion: str = "",
    settles=(),
    seen_version: int | None = None,
    acting_user,
) -> Resolution:
    """Record (or correct) what the board resolved on an agenda item. Refused below quorum, for a vote by a
    member barred by a declared interest, for more votes than members able to vote, and once the minutes are
    approved. `named_votes` (member id -> Vote.Way): a recorded vote, from which the counts are taken.
    Resolving to approve the minutes (an item of that kind) approves the previous meeting's minutes."""
    meeting = item.meeting
    require(permissions.can_record_business(acting_user, meeting))
    meeting = _locked(meeting)
    present, needed = quorum(meeting)
    if present < needed:
        raise ValidationError(
            f"The meeting is not quorate: {present} member{'s' if present != 1 else ''} present, and "
            f"{meeting.board} needs {needed}. A meeting below its quorum cannot resolve anything: record the "
            "attendance first."
        )
    if not wording.strip():
        raise ValidationError({"wording": "Enter the resolution"})
    existing = Resolution.objects.select_for_update().filter(item=item).first()
    if existing and seen_version is not None and existing.version != seen_version:
        raise changes_since(existing, seen_version)
    voters = _voters(meeting)
    barred = permissions.barred_voters(list(voters.values()), item)
    named_votes = {int(k): w for k, w in (named_votes or {}).items() if w}
    for member_id, way in named_votes.items():
        if member_id not in voters:
            raise ValidationError("Only members present and substitutes can vote.")
        if member_id in barred:
            raise ValidationError(barred[member_id].reason)
        if way not in Vote.Way.values:
            raise ValidationError("Each vote is for, against or abstained.")
    if outcome == Outcome.NOTED:
        unanimous, named_votes = False, {}
    if named_votes:
        ways = list(named_votes.values())
        votes_for, votes_against, abstentions = (ways.count(w) for w in Vote.Way.values)
        unanimous = False
    if outcome == Outcome.NOTED or unanimous:
        votes_for = votes_against = abstentions = None
    _check_vote(outcome, unanimous, (votes_for, votes_against, abstentions), voters, barred)
    settles = list(settles)
    for approval in settles:
        if item.strategy_id and approval.strategy_id != item.strategy_id:
            raise ValidationError(
                {"settles": f"{approval} is not about {item.strategy}, this item's strategy"}
            )
    elsewhere = Resolution.settles.through.objects.filter(approvalrequest__in=settles).exclude(
        resolution__item=item
    )
    if elsewhere.exists():
        raise ValidationError(
            {"settles": "An approval can be settled at one meeting only; one of these already was"}
        )
    resolution = existing or Resolution(item=item)
    resolution.wording, resolution.outcome, resolution.unanimous = wording, outcome, unanimous
    resolution.votes_for, resolution.votes_against, resolution.abstentions = (
        votes_for,
        votes_against,
        abstentions,
    )
    resolution.discussion = discussion
    if existing:
        resolution.version += 1
    audited(resolution, acting_user).save()
    resolution.settles.set(settles)
    if named_votes or existing:
        for vote in resolution.votes.all():
            audited(vote, acting_user, "Recorded vote replaced").delete()
        for member_id, way in named_votes.items():
            audited(Vote(resolution=resolution, member=voters[member_id], way=way), acting_user).save()
    if item.kind == AgendaItemKind.MINUTES and outcome == Outcome.CARRIED:
        _approve_minutes(item, acting_user)
    return resolution


def previous_meeting(meeting) -> Meeting | None:
    """The board's meeting before this one: the one whose minutes this one approves."""
    return (
        Meeting.objects.filter(board_id=meeting.board_id, starts_at__lt=meeting.starts_at)
        .order_by("-starts_at", "-pk")
        .first()
    )


def _approve_minutes(item, acting_user) -> MinutesVersion:
    """Freeze the previous meeting's minutes as approved at `item`, as a new version with its SHA-256."""
    previous = previous_meeting(item.meeting)
    if previous is None:
        raise ValidationError(
            "This is the board's first meeting: there are no minutes of a last meeting to approve."
        )
    previous = Meeting.objects.select_for_update().get(pk=previous.pk)
    if not previous.minutes.strip():
        raise ValidationError(
            f"The meeting on {timezone.localdate(previous.starts_at):%-d %B %Y} has no minutes yet: draft them first."
        )
    latest = previous.minutes_versions.order_by("-version").first()
    if latest and latest.text == previous.minutes:
        return latest  # approved already, unchanged
    return MinutesVersion.objects.create(
        meeting=previous,
        version=(latest.version + 1) if latest else 1,
        text=previous.minutes,
        sha256=hashlib.sha256(previous.minutes.encode()).hexdigest(),
        approved_by=acting_user,
        approved_at_item=item,
    )


@transaction.atomic
def approve_minutes(*, item, acting_user) -> MinutesVersion:
    """Resolve, at a minutes item, that the minutes of the board's last meeting are a correct record."""
    if item.kind != AgendaItemKind.MINUTES:
        raise ValidationError("Minutes are approved at an agenda item for the minutes of the last meeting.")
    previous = previous_meeting(item.meeting)
    when = f" held on {timezone.localdate(previous.starts_at):%-d %B %Y}" if previous else ""
    record_resolution(
        item=item,
        wording=f"That the minutes of the meeting{when} be approved as a correct record and signed by the chair.",
        outcome=Outcome.CARRIED,
        unanimous=True,
        acting_user=acting_user,
    )
    return previous.minutes_versions.order_by("-version").first()


@transaction.atomic
def draft_minutes(*, meeting, acting_user) -> Meeting:
    """Draft the minutes from the meeting's record (attendance, declarations, resolutions and discussion),
    replacing the draft, for democratic services to edit before the next meeting approves them."""
    require(permissions.can_record_business(acting_user, meeting))
    meeting = _locked(meeting)
    meeting.minutes = drafting.draft(meeting)
    meeting.version += 1
    audited(meeting, acting_user, "Minutes drafted from the meeting's record").save()
    return meeting


# Packs -----------------------------------------------------------------------------------------------------


BUILD_TASK = "meetings.tasks.build_packs"
STALLED = "The build stopped without finishing."
RESTARTED = "The build stopped without finishing, and was started again."


def _enqueue(build) -> None:
    """Write the build's job to the outbox in this transaction: it is published once the transaction
    commits, or when the job queue is back if it is down (commissioning.outbox)."""
    build.job_id = str(uuid.uuid4())
    build.save(update_fields=["job_id"])
    outbox.enqueue(BUILD_TASK, build.pk, job_id=build.job_id)


def _stop(build, error: str) -> None:
    """Take a build off its job: marked failed with its lease cleared (a run still working it stops at its
    next heartbeat and stores nothing), and its job revoked (at best: run anyway, it finds it is not wanted)."""
    PackBuild.objects.filter(pk=build.pk).update(
        status=PackBuild.Status.FAILED, error=error, lease="", finished_at=timezone.now()
    )
    if build.job_id:
        outbox.cancel(build.job_id)


def _start(meeting, acting_user) -> PackBuild:
    build = PackBuild.objects.create(meeting=meeting, requested_by=acting_user, step="Waiting for a worker")
    _enqueue(build)
    return build


@transaction.atomic
def request_build(*, meeting, acting_user) -> PackBuild | None:
    """Ask a worker to build the meeting's packs. A build already waiting or running is returned rather
    than a second one queued (two presses of the button make one build); a stalled one is replaced. None,
    and no build, when nothing the packs show has changed since their newest versions: those stand."""
    from . import packs

    require(permissions.can_build_pack(acting_user, meeting))
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    running = meeting.builds.filter(status__in=[PackBuild.Status.QUEUED, PackBuild.Status.RUNNING]).first()
    if running and not is_stalled(running):
        return running
    if running:
        _stop(running, STALLED)
    if packs.unchanged(meeting):
        return None
    return _start(meeting, acting_user)


@transaction.atomic
def restart_build(*, build, acting_user) -> PackBuild:
    """Start a stalled build again, as a new build: the old one's job is revoked, and if it runs anyway it
    stores nothing. A build that is not stalled is left alone and returned."""
    require(permissions.can_build_pack(acting_user, build.meeting))
    meeting = Meeting.objects.select_for_update().get(pk=build.meeting_id)
    build = PackBuild.objects.get(pk=build.pk)
    if not is_stalled(build):
        return build
    _stop(build, RESTARTED)
    return _start(meeting, acting_user)


@transaction.atomic
def retry_build(*, build, acting_user) -> PackBuild:
    """Queue a failed build again; its parts already stored are not made twice."""
    require(permissions.can_build_pack(acting_user, build.meeting))
    Meeting.objects.select_for_update().get(pk=build.meeting_id)
    build = PackBuild.objects.get(pk=build.pk)
    another = PackBuild.objects.filter(
        meeting_id=build.meeting_id, status__in=[PackBuild.Status.QUEUED, PackBuild.Status.RUNNING]
    ).exclude(pk=build.pk)
    if build.status != PackBuild.Status.FAILED or another.exists():
        return build  # one build at a time
    build.status, build.error, build.step, build.progress = (
        PackBuild.Status.QUEUED,
        "",
        "Waiting for a worker",
        0,
    )
    build.finished_at, build.lease, build.heartbeat_at = None, "", None
    build.save(update_fields=["status", "error", "step", "progress", "finished_at", "lease", "heartbeat_at"])
    _enqueue(build)
    return build


def is_stalled(build) -> bool:
    """A running build whose heartbeat stopped has lost its worker; a build still waiting long after it
    was asked for has lost its job."""
    now = timezone.now()
    if build.status == PackBuild.Status.RUNNING:
        beat = build.heartbeat_at or build.requested_at
        return beat < now - settings.PACK_BUILD_HEARTBEAT_TIMEOUT
    return (
        build.status == PackBuild.Status.QUEUED
        and build.requested_at < now - settings.PACK_BUILD_STALLED_AFTER
    )


# Publishing -------------------------------------------------------------------------------------------------


@transaction.atomic
def publish_agenda(*, meeting, urgency_reasons: str = "", acting_user) -> Publication:
    """Publish the meeting's agenda as it stands: the first time the agenda, then a supplement listing what
    changed since the last version. The public pack is built from it (a new build, its own version) and the
    version is frozen. Later than the statutory deadline (meetings.timetable) it needs the chair's reasons for
    urgency, published with it; a version identical to the last is refused."""
    meeting = Meeting.objects.select_for_update().select_related("board").get(pk=meeting.pk)
    require(permissions.can_publish(acting_user, meeting))
    items = list(meeting.items.select_related("strategy").order_by("position", "pk"))
    if not items:
        raise ValidationError({"__all__": "The agenda has no items yet: add them before publishing it."})
    timing = timetable.timing(meeting)
    urgency_reasons = urgency_reasons.strip()
    if timing.late and not urgency_reasons:
        raise ValidationError(
            {
                "urgency_reasons": f"It is {timing.clear_days} clear working day{'s' if timing.clear_days != 1 else ''}"
                f" before the meeting, fewer than the {timing.required} the law requires (the deadline was "
                f"{formatting.long_date(timing.deadline)}): enter the chair's reasons for urgency"
            }
        )
    last = meeting.publications.order_by("-version").first()
    frozen = publication.snapshot(meeting, items)
    digest = publication.sha256_of(frozen)
    changed = publication.changes(last.snapshot if last else None, frozen)
    if last and not changed:
        raise ValidationError(
            {"__all__": f"Nothing has changed since the {last.label.lower()} was published."}
        )
    chair = meeting.board.memberships.filter(role=BoardMembership.Role.CHAIR).select_related("member").first()
    published_version = audited(
        Publication(
            meeting=meeting,
            version=(last.version + 1) if last else 1,
            published_by=acting_user,
            deadline=timing.deadline,
            clear_days=timing.clear_days,
            urgency_reasons=urgency_reasons if timing.late else "",
            urgency_agreed_by=str(chair.member) if chair and timing.late else "",
            snapshot=frozen,
            sha256=digest,
            changes=changed,
            build=_start(meeting, acting_user),
        ),
        acting_user,
    )
    published_version.save()
    published.send(sender=Publication, publication=published_version)
    return published_version
