"""Writes for meetings, agendas, work programmes and pack builds: one keyword-only function per action,
taking plain data and the acting user, in one transaction, its history recorded with that user
(commissioning.history.audited)."""

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
from commissioning.versioning import delete_if_current, save_if_current
from members.models import BoardMembership

from . import pdf_tags, permissions, publication, timetable
from .models import AgendaItem, Meeting, PackBuild, Publication, WorkProgrammeItem

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
    """Change a meeting's date, venue or minutes, refusing a stale form (StaleEdit)."""
    require(permissions.can_manage_meetings(acting_user))
    check_dates({"starts_at": starts_at}, Meeting)

    def apply(obj):
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
def request_build(*, meeting, acting_user) -> PackBuild:
    """Ask a worker to build the meeting's packs. A build already waiting or running is returned rather
    than a second one queued (two presses of the button make one build); a stalled one is replaced."""
    require(permissions.can_build_pack(acting_user, meeting))
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    running = meeting.builds.filter(status__in=[PackBuild.Status.QUEUED, PackBuild.Status.RUNNING]).first()
    if running and not is_stalled(running):
        return running
    if running:
        _stop(running, STALLED)
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
