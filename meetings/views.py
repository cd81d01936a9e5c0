"""Meetings, agendas, work programmes and packs. Thin views: rights from meetings.permissions, writes through
meetings.services, packs built by meetings.packs in a Celery job."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commissioning import csvexport
from commissioning.editing import attempt, attempt_delete
from commissioning.forms import values
from commissioning.pagecache import cached_page
from commissioning.permissions import require
from members.models import Board

from . import packs, permissions, publication, rules, selectors, services, timetable
from .forms import (
    AgendaItemForm,
    AttendanceForm,
    AttendeeForm,
    DeclarationForm,
    MeetingForm,
    PublishForm,
    QuorumForm,
    ResolutionForm,
    WorkProgrammeForm,
)
from .models import (
    AgendaItem,
    Attendance,
    BoardQuorum,
    Declaration,
    Meeting,
    Outcome,
    PackBuild,
    PackPart,
    Resolution,
    WorkProgrammeItem,
)


def _refusal_status(form, saving) -> int:
    """The meeting pages say a stale save as a refusal in the form's error summary, and keep what was
    typed: 400 either way."""
    if saving.stale:
        form.add_error(None, str(saving.stale))
    return 400


@cached_page
def meetings(request):
    """Every board's meetings: upcoming first, then the past ones."""
    require(permissions.can_view(request.user))
    now = timezone.now()
    listing = Meeting.objects.select_related("board").annotate(item_count=Count("items"))
    if csvexport.wanted(request):
        return csvexport.response(
            "meetings",
            ["Starts", "Board", "Meeting", "Items", "Link"],
            (
                [
                    f"{timezone.localtime(m.starts_at):%Y-%m-%d %H:%M}",
                    str(m.board),
                    str(m),
                    m.item_count,
                    request.build_absolute_uri(m.get_absolute_url()),
                ]
                for m in listing.order_by("-starts_at")[:500]
            ),
        )
    return render(
        request,
        "meetings/meetings.html",
        {
            "upcoming": listing.filter(starts_at__gte=now).order_by("starts_at")[:50],
            "past": listing.filter(starts_at__lt=now).order_by("-starts_at")[:50],
        },
    )


def board_meetings(request, pk, programme_form=None, quorum_form=None, status=200):
    """A board's meetings and its work programme."""
    require(permissions.can_view(request.user))
    board = get_object_or_404(Board, pk=pk)
    now = timezone.now()
    listing = board.meetings.annotate(item_count=Count("items"))
    may_manage = permissions.can_manage_meetings(request.user)
    return render(
        request,
        "meetings/board.html",
        {
            "board": board,
            "upcoming": listing.filter(starts_at__gte=now).order_by("starts_at"),
            "past": listing.filter(starts_at__lt=now).order_by("-starts_at")[:24],
            "programme": board.work_programme.filter(agenda_item__isnull=True).select_related("strategy"),
            "placed": board.work_programme.filter(agenda_item__isnull=False)
            .select_related("strategy", "agenda_item__meeting")
            .order_by("-due_from")[:12],
            "can_manage": may_manage,
            "programme_form": programme_form or (WorkProgrammeForm() if may_manage else None),
            "quorum": rules.quorum_of(board),
            "quorum_rule": rules.describe_quorum(board),
            "quorum_form": quorum_form
            or (QuorumForm(instance=BoardQuorum.objects.filter(board=board).first()) if may_manage else None),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    require(permissions.can_manage_meetings(request.user))
    board = get_object_or_404(Board, pk=pk)
    form = MeetingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        saving = attempt(
            form,
            lambda seen: services.create_meeting(
                board=board,
                starts_at=form.cleaned_data["starts_at"],
                venue=form.cleaned_data["venue"],
                acting_user=request.user,
            ),
        )
        if saving.done:
            meeting = saving.result
            placed = meeting.items.count()
            extra = (
                f" {placed} item{'s' if placed != 1 else ''} from the work programme "
                f"{'are' if placed != 1 else 'is'} on its agenda."
                if placed
                else ""
            )
            messages.success(request, f"The meeting is set up.{extra}")
            return redirect(meeting)
        status = _refusal_status(form, saving)
    return render(request, "meetings/meeting_form.html", {"form": form, "board": board}, status=status)


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    require(permissions.can_manage_meetings(request.user))
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    status = 200
    if request.method == "POST":
        saving = attempt(
            form,
            lambda seen: services.save_meeting(
                meeting=meeting,
                seen_version=seen,
                starts_at=form.cleaned_data["starts_at"],
                venue=form.cleaned_data["venue"],
                minutes=form.cleaned_data["minutes"],
                acting_user=request.user,
            ),
        )
        if saving.done:
            messages.success(request, "The meeting is saved.")
            return redirect(meeting)
        status = _refusal_status(form, saving)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "board": meeting.board, "meeting": meeting},
        status=status,
    )


def _meeting(pk) -> Meeting:
    return get_object_or_404(selectors.meetings_with_agendas(), pk=pk)


def _packs_context(request, meeting) -> dict:
    """The packs panel: the latest build and every version the person may download."""
    user = request.user
    build = meeting.builds.select_related("requested_by").first()
    versions = {part: [] for part in PackPart.values}
    for pack in selectors.packs_of(meeting):
        versions[pack.part].append(pack)
    has_exempt = any(i.confidential for i in meeting.items.all())
    return {
        "meeting": meeting,
        "build": build,
        "build_stalled": bool(build and services.is_stalled(build)),
        "public_packs": versions[PackPart.PUBLIC],
        "confidential_packs": versions[PackPart.CONFIDENTIAL],
        "has_exempt": has_exempt,
        "can_build": permissions.can_build_pack(user, meeting),
        "can_download_public": permissions.can_download(user, meeting, part=PackPart.PUBLIC),
        "can_download_confidential": permissions.can_download(user, meeting, part=PackPart.CONFIDENTIAL),
    }


def meeting_detail(request, pk):
    require(permissions.can_view(request.user))
    meeting = _meeting(pk)
    require(permissions.can_view_meeting(request.user, meeting))
    resolutions = {r.item_id: r for r in selectors.resolutions_of(request.user, meeting, detail=False)}
    items = list(meeting.items.all())
    allowed = {part for part in PackPart.values if permissions.can_download(request.user, meeting, part=part)}
    pdfs = selectors.item_pdfs(meeting) if allowed else {}
    for item in items:
        item.resolved = resolutions.get(item.pk)
        part = (
            PackPart.CONFIDENTIAL if item.confidential else PackPart.PUBLIC
        )  # its own papers, to those who may download its pack
        item.own_pdf = pdfs.get(item.pk) if part in allowed else None
    present, needed = services.quorum(meeting)
    previous = services.previous_meeting(meeting)
    return render(
        request,
        "meetings/meeting.html",
        {
            **_packs_context(request, meeting),
            "items": items,
            "can_manage": permissions.can_manage_meetings(request.user),
            "can_record": permissions.can_record_business(request.user),
            "previous": previous,
            "attendance": selectors.attendance_of(meeting),
            "present": present,
            "needed": needed,
            "approved": selectors.approved_minutes(meeting),
            "previous_approved": previous and selectors.approved_minutes(previous),
            "can_publish": permissions.can_publish(request.user, meeting),
            "deadline": timetable.deadline(meeting),
            "publications": selectors.publications_of(meeting),
        },
    )


@require_GET
def packs_panel(request, pk):
    """The packs panel alone, polled by HTMX while a build runs."""
    require(permissions.can_view(request.user))
    meeting = _meeting(pk)
    require(permissions.can_view_meeting(request.user, meeting))
    return render(request, "meetings/_packs.html", _packs_context(request, meeting))


def _after_build(request, meeting):
    """The packs panel in place (HTMX), or the meeting page again."""
    if request.htmx:
        return render(request, "meetings/_packs.html", _packs_context(request, meeting))
    return redirect(meeting.get_absolute_url() + "#packs")


@require_POST
def build(request, pk):
    meeting = _meeting(pk)
    require(permissions.can_build_pack(request.user, meeting))
    if services.request_build(meeting=meeting, acting_user=request.user) is None:
        message = (
            "Nothing in the packs has changed since their newest versions, so they stand: no new version."
        )
        if request.htmx:
            return render(
                request, "meetings/_packs.html", {**_packs_context(request, meeting), "unchanged": message}
            )
        messages.info(request, message)
    return _after_build(request, meeting)


@require_POST
def retry(request, pk, build_pk):
    meeting = _meeting(pk)
    failed = get_object_or_404(PackBuild, pk=build_pk, meeting=meeting)
    require(permissions.can_build_pack(request.user, meeting))
    services.retry_build(build=failed, acting_user=request.user)
    return _after_build(request, meeting)


@require_POST
def restart(request, pk, build_pk):
    """Start a stalled build again (the same right as building)."""
    meeting = _meeting(pk)
    stalled = get_object_or_404(PackBuild, pk=build_pk, meeting=meeting)
    require(permissions.can_build_pack(request.user, meeting))
    services.restart_build(build=stalled, acting_user=request.user)
    return _after_build(request, meeting)


def download(request, pk):
    """A built pack, only to those entitled to it; the same answer for a pack that does not exist and one
    the person may not have, so guessing URLs learns nothing."""
    pack = selectors.downloadable_pack(request.user, pk)
    if pack is None:
        raise Http404("No such pack, or not one you may download.")
    return packs.file_response(pack)


def item_pdf(request, pk, item_pk):
    """One agenda item's PDF as its part's newest pack holds it (from the item cache), to those who may
    download that pack; the same answer for an item that does not exist, is in no pack yet, or is not theirs."""
    item = AgendaItem.objects.select_related("meeting__board").filter(pk=item_pk, meeting_id=pk).first()
    part = PackPart.CONFIDENTIAL if item and item.confidential else PackPart.PUBLIC
    if item is None or not permissions.can_download(request.user, item.meeting, part=part):
        raise Http404("No such item, or not one you may download.")
    pdf = selectors.item_pdf(item)
    if pdf is None:
        raise Http404("No pack holds this item yet.")
    response = FileResponse(
        pdf.file.open("rb"), as_attachment=True, filename=f"item-{item.position}-papers.pdf"
    )
    response["Content-Type"] = "application/pdf"
    response["X-Content-SHA256"] = pdf.sha256
    response["Cache-Control"] = "private, no-store"
    return response


def document(request, pk, item_pk):
    """An agenda item's uploaded document, to those who may download the pack it goes into."""
    item = AgendaItem.objects.select_related("meeting__board").filter(pk=item_pk, meeting_id=pk).first()
    part = PackPart.CONFIDENTIAL if item and item.confidential else PackPart.PUBLIC
    if (
        item is None
        or not item.document
        or not permissions.can_download(request.user, item.meeting, part=part)
    ):
        raise Http404("No such document, or not one you may download.")
    response = FileResponse(
        item.document.open("rb"), as_attachment=True, filename=f"item-{item.position}.pdf"
    )
    response["Content-Type"] = "application/pdf"
    response["Cache-Control"] = "private, no-store"
    return response


# The agenda ------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def item_add(request, pk):
    require(permissions.can_manage_meetings(request.user))
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    form = AgendaItemForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        saving = attempt(
            form,
            lambda seen: services.add_item(
                meeting=meeting,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                strategy=form.cleaned_data["strategy"],
                document=form.cleaned_data["document"],
                document_pages=getattr(form, "document_pages", 0),
                confidential=form.cleaned_data["confidential"],
                exemption=form.cleaned_data["exemption"],
                acting_user=request.user,
            ),
        )
        if saving.done:
            item = saving.result
            messages.success(request, f"Item {item.position}, {item.title}, is on the agenda.")
            _warn_if_untagged(request, item)
            return redirect(meeting.get_absolute_url() + "#agenda")
        status = _refusal_status(form, saving)
    return render(request, "meetings/item_form.html", {"form": form, "meeting": meeting}, status=status)


def _warn_if_untagged(request, item):
    if item.document and item.document_tagged is False:
        messages.warning(
            request,
            f"{item.title}: the PDF is not tagged, so a screen reader may not be able to read it. The agenda and "
            "the pack will say it may not be accessible. Ask its author for a tagged PDF (an accessible export "
            "from their word processor) and upload that instead.",
        )


@require_http_methods(["GET", "POST"])
def item_edit(request, pk, item_pk):
    require(permissions.can_manage_meetings(request.user))
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__board"), pk=item_pk, meeting_id=pk)
    meeting = item.meeting
    form = AgendaItemForm(request.POST or None, request.FILES or None, instance=item)
    status = 200
    if request.method == "POST" and "remove" in request.POST:
        refused = attempt_delete(
            request,
            lambda seen: services.remove_item(item=item, seen_version=seen, acting_user=request.user),
        )
        if not refused:
            messages.success(request, f"{item.title} is off the agenda.")
            return redirect(meeting.get_absolute_url() + "#agenda")
        form = AgendaItemForm(instance=item)  # unbound, at the current version
        form.cleaned_data = {}  # add_error() on an unbound form needs it (else a 500)
        form.add_error(None, str(refused))
        status = 400
    elif request.method == "POST":
        saving = attempt(
            form,
            lambda seen: services.save_item(
                item=item,
                seen_version=seen,
                changes=values(form),
                document_pages=getattr(form, "document_pages", None),
                acting_user=request.user,
            ),
        )
        if saving.done:
            messages.success(request, f"{form.cleaned_data['title']} is saved.")
            if form.cleaned_data.get("document"):
                _warn_if_untagged(request, saving.result)
            return redirect(meeting.get_absolute_url() + "#agenda")
        status = _refusal_status(form, saving)
    return render(
        request, "meetings/item_form.html", {"form": form, "meeting": meeting, "item": item}, status=status
    )


@require_POST
def item_move(request, pk, item_pk):
    require(permissions.can_manage_meetings(request.user))
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting_id=pk)
    services.move_item(item=item, up=request.POST.get("direction") == "up", acting_user=request.user)
    return redirect(f"{item.meeting.get_absolute_url()}#item-{item.pk}")


# Work programme --------------------------------------------------------------------------------------------


@require_POST
def programme_add(request, pk):
    require(permissions.can_manage_meetings(request.user))
    board = get_object_or_404(Board, pk=pk)
    form = WorkProgrammeForm(request.POST)
    saving = attempt(
        form,
        lambda seen: services.add_to_work_programme(
            board=board,
            title=form.cleaned_data["title"],
            kind=form.cleaned_data["kind"],
            strategy=form.cleaned_data["strategy"],
            due_from=form.cleaned_data["due_from"],
            notes=form.cleaned_data["notes"],
            acting_user=request.user,
        ),
    )
    if saving.done:
        messages.success(request, f"{saving.result.title} is on the work programme.")
        return redirect("meetings:board-meetings", board.pk)
    return board_meetings(request, pk, programme_form=form, status=_refusal_status(form, saving))


@require_POST
def quorum(request, pk):
    """Set a board's own quorum (or back to the council's default)."""
    require(permissions.can_manage_meetings(request.user))
    board = get_object_or_404(Board, pk=pk)
    form = QuorumForm(request.POST, instance=BoardQuorum.objects.filter(board=board).first())
    saving = attempt(
        form,
        lambda seen: services.set_quorum(
            board=board,
            number=form.cleaned_data["number"],
            fraction=form.cleaned_data["fraction"],
            minimum=form.cleaned_data["minimum"],
            acting_user=request.user,
        ),
    )
    if saving.done:
        messages.success(request, f"The quorum of {board} is saved: {rules.quorum_of(board)} members.")
        return redirect(reverse("meetings:board-meetings", args=[board.pk]) + "#quorum")
    return board_meetings(request, pk, quorum_form=form, status=400)


@require_POST
def programme_remove(request, pk, planned_pk):
    require(permissions.can_manage_meetings(request.user))
    planned = get_object_or_404(WorkProgrammeItem, pk=planned_pk, board_id=pk, agenda_item__isnull=True)
    refused = attempt_delete(
        request,
        lambda seen: services.remove_from_work_programme(
            planned=planned, seen_version=seen, acting_user=request.user
        ),
    )
    if refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"{planned.title} is off the work programme.")
    return redirect("meetings:board-meetings", pk)


# The business of a meeting: attendance, declarations, resolutions and minutes -------------------------------


def _business_meeting(pk) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("board"), pk=pk)


def _members(meeting) -> list:
    return [
        m.member for m in meeting.board.memberships.select_related("member").order_by("member__last_name")
    ]


def _attendance_page(request, meeting, form=None, attendee_form=None, status=200):
    present, needed = services.quorum(meeting)
    recorded = selectors.attendance_of(meeting)
    return render(
        request,
        "meetings/attendance.html",
        {
            "meeting": meeting,
            "attendance": recorded,
            "present": present,
            "needed": needed,
            "quorum_rule": rules.describe_quorum(meeting.board),
            "frozen": selectors.approved_minutes(meeting),
            "form": form
            or AttendanceForm(
                members=_members(meeting),
                recorded={a.person_id: a.status for a in recorded if a.status in Attendance.MEMBER_STATUSES},
            ),
            "attendee_form": attendee_form or AttendeeForm(board=meeting.board),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    """Record who attended: the board's members, then substitutes and officers."""
    require(permissions.can_record_business(request.user))
    meeting = _business_meeting(pk)
    if request.method == "GET":
        return _attendance_page(request, meeting)
    form = AttendanceForm(request.POST, members=_members(meeting))
    saving = attempt(
        form,
        lambda seen: services.record_attendance(
            meeting=meeting, statuses=form.statuses(), acting_user=request.user
        ),
    )
    if saving.done:
        messages.success(request, "The attendance is recorded.")
        return redirect(meeting.get_absolute_url() + "#attendance")
    return _attendance_page(request, meeting, form=form, status=400)


@require_POST
def attendee_add(request, pk):
    require(permissions.can_record_business(request.user))
    meeting = _business_meeting(pk)
    form = AttendeeForm(request.POST, board=meeting.board)
    saving = attempt(
        form,
        lambda seen: services.add_attendee(
            meeting=meeting,
            person=form.cleaned_data["person"],
            status=form.cleaned_data["status"],
            substitute_for=form.cleaned_data["substitute_for"],
            role=form.cleaned_data["role"],
            acting_user=request.user,
        ),
    )
    if saving.done:
        messages.success(request, f"{saving.result} is recorded as attending.")
        return redirect("meetings:attendance", meeting.pk)
    return _attendance_page(request, meeting, attendee_form=form, status=400)


@require_POST
def attendee_remove(request, pk, attendance_pk):
    require(permissions.can_record_business(request.user))
    row = get_object_or_404(
        Attendance.objects.select_related("meeting", "person"), pk=attendance_pk, meeting_id=pk
    )
    try:
        services.remove_attendee(attendance=row, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{row.person} is off the attendance.")
    return redirect("meetings:attendance", pk)


def _item_of(pk, item_pk) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting__board", "strategy"), pk=item_pk, meeting_id=pk
    )


def _voters(meeting) -> list:
    return [a.person for a in selectors.attendance_of(meeting) if a.status in Attendance.VOTING]


def _resolution_page(request, item, form=None, declaration_form=None, status=200):
    meeting = item.meeting
    voters = _voters(meeting)
    resolution = Resolution.objects.filter(item=item).first()
    declarations = list(item.declarations.select_related("member"))
    if form is None:
        initial = {"outcome": Outcome.CARRIED}
        if resolution:
            initial = {
                "seen_version": resolution.version,
                "wording": resolution.wording,
                "outcome": resolution.outcome,
                "unanimous": resolution.unanimous,
                "votes_for": resolution.votes_for,
                "votes_against": resolution.votes_against,
                "abstentions": resolution.abstentions,
                "discussion": resolution.discussion,
                "settles": list(resolution.settles.all()),
                **{f"vote_{v.member_id}": v.way for v in resolution.votes.all()},
            }
        form = ResolutionForm(item=item, voters=voters, initial=initial)
    present, needed = services.quorum(meeting)
    barred = permissions.barred_voters(voters, item, declarations)
    return render(
        request,
        "meetings/resolution.html",
        {
            "meeting": meeting,
            "item": item,
            "resolution": resolution,
            "declarations": declarations,
            "barred": [v for v in voters if v.pk in barred],
            "form": form,
            "declaration_form": declaration_form or DeclarationForm(voters=voters),
            "present": present,
            "needed": needed,
            "frozen": selectors.approved_minutes(meeting),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def resolution(request, pk, item_pk):
    """An item's declarations and its resolution, recorded by democratic services."""
    require(permissions.can_record_business(request.user))
    item = _item_of(pk, item_pk)
    if request.method == "GET":
        return _resolution_page(request, item)
    form = ResolutionForm(request.POST, item=item, voters=_voters(item.meeting))
    saving = attempt(
        form,
        lambda seen: services.record_resolution(
            item=item,
            wording=form.cleaned_data["wording"],
            outcome=form.cleaned_data["outcome"],
            unanimous=form.cleaned_data["unanimous"],
            votes_for=form.cleaned_data["votes_for"],
            votes_against=form.cleaned_data["votes_against"],
            abstentions=form.cleaned_data["abstentions"],
            named_votes=form.named_votes(),
            discussion=form.cleaned_data["discussion"],
            settles=form.cleaned_data["settles"],
            seen_version=seen,
            acting_user=request.user,
        ),
    )
    if saving.done:
        messages.success(request, f"The resolution on item {item.position} is recorded.")
        return redirect(f"{item.meeting.get_absolute_url()}#item-{item.pk}")
    return _resolution_page(request, item, form=form, status=_refusal_status(form, saving))


@require_POST
def declaration_add(request, pk, item_pk):
    require(permissions.can_record_business(request.user))
    item = _item_of(pk, item_pk)
    form = DeclarationForm(request.POST, voters=_voters(item.meeting))
    saving = attempt(
        form,
        lambda seen: services.record_declaration(
            item=item,
            member=form.cleaned_data["member"],
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
            dispensation=form.cleaned_data["dispensation"],
            acting_user=request.user,
        ),
    )
    if saving.done:
        messages.success(request, f"{saving.result.member}'s declaration is recorded.")
        return redirect("meetings:resolution", pk, item.pk)
    return _resolution_page(request, item, declaration_form=form, status=400)


@require_POST
def declaration_remove(request, pk, item_pk, declaration_pk):
    require(permissions.can_record_business(request.user))
    item = _item_of(pk, item_pk)
    declaration = get_object_or_404(
        Declaration.objects.select_related("member"), pk=declaration_pk, item=item
    )
    try:
        services.remove_declaration(declaration=declaration, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{declaration.member}'s declaration is removed.")
    return redirect("meetings:resolution", pk, item.pk)


@require_POST
def minutes_approve(request, pk, item_pk):
    """Resolve that the last meeting's minutes are a correct record: they are frozen and published."""
    require(permissions.can_record_business(request.user))
    item = _item_of(pk, item_pk)
    try:
        version = services.approve_minutes(item=item, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"The minutes of {version.meeting} are approved as a correct record (version {version.version}).",
        )
    return redirect(f"{item.meeting.get_absolute_url()}#item-{item.pk}")


@require_POST
def minutes_draft(request, pk):
    require(permissions.can_record_business(request.user))
    meeting = _business_meeting(pk)
    try:
        services.draft_minutes(meeting=meeting, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The minutes are drafted from the meeting's record: check and edit them.")
    return redirect(meeting.get_absolute_url() + "#minutes")


def attendance_statistics(request):
    """Each member's attendance in a municipal year (councils publish these in their annual reports)."""
    require(permissions.can_view_business(request.user))
    years = selectors.municipal_years()
    chosen = years[0]
    wanted = request.GET.get("year", "")
    if wanted.isdigit():
        chosen = next((y for y in years if y.year == int(wanted)), None)
        if chosen is None:
            raise Http404("No attendance is recorded for that municipal year.")
    rows = list(selectors.attendance_statistics(chosen))
    for row in rows:
        row["name"] = (
            " ".join(p for p in (row["person__first_name"], row["person__last_name"]) if p)
            or row["person__username"]
        )
        row["rate"] = round(100 * row["present"] / row["expected"]) if row["expected"] else None
    return render(
        request,
        "meetings/attendance_statistics.html",
        {
            "rows": rows,
            "year": chosen,
            "label": rules.year_label(chosen),
            "years": [(y, rules.year_label(y)) for y in years],
            "ends": rules.year_bounds(chosen)[1] - timedelta(days=1),
        },
    )


# Publishing ------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def publish(request, pk):
    """Publish the agenda, or a supplement with what changed since the last version: the deadline, where
    publishing now stands against it, and what the public will see change."""
    meeting = _meeting(pk)
    require(permissions.can_publish(request.user, meeting))
    form = PublishForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        saving = attempt(
            form,
            lambda seen: services.publish_agenda(
                meeting=meeting,
                urgency_reasons=form.cleaned_data["urgency_reasons"],
                acting_user=request.user,
            ),
        )
        if saving.done:
            messages.success(
                request, f"The {saving.result.label.lower()} is published: the public pack is being built."
            )
            return redirect(meeting.get_absolute_url() + "#publications")
        status = 400
    last = selectors.latest_publication(meeting)
    items = list(meeting.items.all())
    pending = publication.changes(last.snapshot, publication.snapshot(meeting, items)) if last else None
    return render(
        request,
        "meetings/publish.html",
        {
            "form": form,
            "meeting": meeting,
            "timing": timetable.timing(meeting),
            "last": last,
            "pending": pending,
            "items": items,
        },
        status=status,
    )
