"""Meetings, agendas, work programmes and packs (issue 8), through the real views and services.

The board is a scrutiny committee `scrutiny` sits on; `administrator` (democratic services) sets its
meetings up. Packs are made here as rows with a small stored file: building them for real (WeasyPrint, the
worker) is tests/test_packs.py's and the browser journey's business. A build's job is a row in the outbox
(commissioning.outbox), checked here without a worker.
"""

import hashlib
import io
from datetime import date, datetime, time, timedelta
from time import monotonic
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError
from pypdf import PdfWriter

from commissioning import outbox, roles
from commissioning.models import OutboxJob
from meetings import permissions, services
from meetings.models import AgendaItem, AgendaItemKind, Meeting, Pack, PackBuild, PackPart, WorkProgrammeItem
from members.models import Board

from .. import factories

STALE = "Someone else changed this"


# Fixtures and helpers --------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def board(scrutiny):
    return factories.board(
        name="Children and Young People Scrutiny Committee",
        kind=Board.Kind.SCRUTINY_COMMITTEE,
        members=[scrutiny],
    )


def _at(day: date, hour=14) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _meeting(board, administrator, days=30, venue="Council Chamber") -> Meeting:
    return services.create_meeting(
        board=board,
        starts_at=_at(timezone.localdate() + timedelta(days=days)),
        venue=venue,
        acting_user=administrator,
    )


def _item(meeting, administrator, title="Minutes of the last meeting", **fields) -> AgendaItem:
    fields.setdefault("kind", AgendaItemKind.MINUTES)
    return services.add_item(meeting=meeting, acting_user=administrator, title=title, **fields)


def pdf_bytes(pages=2) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _upload(content: bytes, name="report.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _item_post(**overrides) -> dict:
    data = {
        "seen_version": 1,
        "kind": AgendaItemKind.MINUTES,
        "title": "Minutes of the last meeting",
        "strategy": "",
        "exemption": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _stored_files(media_root) -> list:
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def _pack(meeting, part=PackPart.PUBLIC, version=1, by=None, body=None) -> Pack:
    body = body or b"%PDF-1.7\n% a test pack for " + part.encode() + b"\n%%EOF\n"
    build = PackBuild.objects.create(
        meeting=meeting,
        requested_by=by,
        status=PackBuild.Status.DONE,
        progress=100,
        finished_at=timezone.now(),
    )
    return Pack.objects.create(
        meeting=meeting,
        part=part,
        version=version,
        build=build,
        file=ContentFile(body, name="x.pdf"),
        sha256=hashlib.sha256(body).hexdigest(),
        pages=1,
        size=len(body),
        built_by=by,
    )


def _positions(meeting):
    return list(meeting.items.order_by("position").values_list("position", "title"))


# Setting up a meeting --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_setting_up_a_meeting_places_the_due_work_programme_items_in_order(
    client, board, administrator, own_strategy
):
    day = timezone.localdate() + timedelta(days=60)
    programme = [
        ("Family support update", day - timedelta(days=10), AgendaItemKind.HIGHLIGHT, own_strategy),
        ("Gateway review of early help", day, AgendaItemKind.GATEWAY, own_strategy),
        ("Outcomes for approval", day - timedelta(days=40), AgendaItemKind.STRATEGY, own_strategy),
        ("Next year's plan", day + timedelta(days=1), AgendaItemKind.PLAN, own_strategy),  # not yet due
    ]
    for title, due, kind, strategy in programme:
        services.add_to_work_programme(
            board=board, acting_user=administrator, title=title, due_from=due, kind=kind, strategy=strategy
        )
    elsewhere = factories.board(name="Place Scrutiny Committee", kind=Board.Kind.SCRUTINY_COMMITTEE)
    services.add_to_work_programme(
        board=elsewhere,
        acting_user=administrator,
        title="Flood risk",
        due_from=day - timedelta(days=5),
        kind=AgendaItemKind.DECISIONS,
    )

    client.force_login(administrator)
    response = client.post(
        reverse("meetings:meeting-create", args=[board.pk]),
        {"seen_version": 1, "day": day.isoformat(), "time": "14:00", "venue": "Committee Room One"},
        follow=True,
    )

    meeting = Meeting.objects.get(board=board)
    assert response.redirect_chain[-1][0] == meeting.get_absolute_url()
    assert timezone.localtime(meeting.starts_at) == _at(day)
    assert "3 items from the work programme are on its agenda" in response.content.decode()
    assert _positions(meeting) == [
        (1, "Outcomes for approval"),
        (2, "Family support update"),
        (3, "Gateway review of early help"),
    ]
    items = {i.title: i for i in meeting.items.all()}
    assert items["Outcomes for approval"].kind == AgendaItemKind.STRATEGY
    assert items["Outcomes for approval"].strategy == own_strategy
    placed = dict(WorkProgrammeItem.objects.values_list("title", "agenda_item"))
    assert placed["Outcomes for approval"] == items["Outcomes for approval"].pk
    assert placed["Next year's plan"] is None, "an item due after the meeting stays on the programme"
    assert placed["Flood risk"] is None, "another board's programme is not this meeting's"

    # A later meeting does not place the same items twice; the one now due goes onto it.
    later = _meeting(board, administrator, days=90)
    assert _positions(later) == [(1, "Next year's plan")]


@pytest.mark.django_db
def test_a_meeting_form_with_errors_is_answered_400_and_saves_nothing(client, board, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("meetings:meeting-create", args=[board.pk]),
        {"seen_version": 1, "day": "", "time": "25:99", "venue": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Start time must be a real time, like 14:00" in page
    assert not Meeting.objects.exists()


# Adding agenda items ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_document_that_is_not_a_pdf_is_refused(client, board, administrator, media):
    meeting = _meeting(board, administrator)
    client.force_login(administrator)
    response = client.post(
        reverse("meetings:item-add", args=[meeting.pk]),
        _item_post(
            kind=AgendaItemKind.DOCUMENT,
            title="Budget monitoring",
            document=_upload(b"Just some words, not a PDF at all.", name="budget.pdf"),
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "The document must be a PDF" in page
    assert not meeting.items.exists()
    assert _stored_files(media) == []


@pytest.mark.django_db
def test_an_uploaded_pdf_is_stored_with_its_pages_counted(client, board, administrator, media):
    meeting = _meeting(board, administrator)
    body = pdf_bytes(pages=3)
    client.force_login(administrator)
    response = client.post(
        reverse("meetings:item-add", args=[meeting.pk]),
        _item_post(kind=AgendaItemKind.DOCUMENT, title="Budget monitoring", document=_upload(body)),
    )
    assert response.status_code == 302, response.content[:800]
    item = meeting.items.get()
    assert (item.position, item.title, item.document_pages) == (1, "Budget monitoring", 3)
    with item.document.open("rb") as f:
        assert f.read() == body
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "3 pages" in page

    # Changing the item without choosing a new file keeps the document and its page count.
    response = client.post(
        reverse("meetings:item-edit", args=[meeting.pk, item.pk]),
        _item_post(kind=AgendaItemKind.DOCUMENT, title="Budget monitoring, quarter 2"),
    )
    assert response.status_code == 302, response.content[:800]
    item.refresh_from_db()
    assert (item.title, item.document_pages, item.version) == ("Budget monitoring, quarter 2", 3, 2)
    with item.document.open("rb") as f:
        assert f.read() == body


@pytest.mark.django_db
def test_a_pdf_made_by_weasyprint_counts_its_pages(client, board, administrator):
    weasyprint = pytest.importorskip("weasyprint")
    body = weasyprint.HTML(
        string="<p>One</p><p style='break-before: page'>Two</p>", base_url="about:blank"
    ).write_pdf()
    meeting = _meeting(board, administrator)
    client.force_login(administrator)
    response = client.post(
        reverse("meetings:item-add", args=[meeting.pk]),
        _item_post(kind=AgendaItemKind.DOCUMENT, title="Appendix", document=_upload(body)),
    )
    assert response.status_code == 302, response.content[:800]
    assert meeting.items.get().document_pages == 2


@pytest.mark.django_db
def test_an_exempt_item_must_say_which_paragraph(client, board, administrator):
    meeting = _meeting(board, administrator)
    client.force_login(administrator)
    response = client.post(
        reverse("meetings:item-add", args=[meeting.pk]),
        _item_post(title="Contract award", confidential="on"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Select the paragraph of Schedule 12A that makes this item exempt" in page
    assert not meeting.items.exists()

    response = client.post(
        reverse("meetings:item-add", args=[meeting.pk]),
        _item_post(title="Contract award", confidential="on", exemption="3"),
    )
    assert response.status_code == 302
    item = meeting.items.get()
    assert (item.confidential, item.exemption) == (True, "3")


@pytest.mark.django_db
def test_an_item_that_is_not_exempt_keeps_no_paragraph(client, board, administrator):
    meeting = _meeting(board, administrator)
    client.force_login(administrator)
    client.post(reverse("meetings:item-add", args=[meeting.pk]), _item_post(title="Minutes", exemption="3"))
    assert meeting.items.get().exemption == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind",
    [AgendaItemKind.STRATEGY, AgendaItemKind.PLAN, AgendaItemKind.HIGHLIGHT, AgendaItemKind.GATEWAY],
)
def test_a_report_on_a_strategy_must_name_the_strategy(client, board, administrator, own_strategy, kind):
    meeting = _meeting(board, administrator)
    client.force_login(administrator)
    response = client.post(
        reverse("meetings:item-add", args=[meeting.pk]), _item_post(kind=kind, title="A report")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Select the strategy this item reports on" in page
    assert not meeting.items.exists()

    response = client.post(
        reverse("meetings:item-add", args=[meeting.pk]),
        _item_post(kind=kind, title="A report", strategy=own_strategy.pk),
    )
    assert response.status_code == 302
    assert meeting.items.get().strategy == own_strategy


@pytest.mark.django_db
def test_an_uploaded_document_item_needs_its_document(client, board, administrator):
    meeting = _meeting(board, administrator)
    client.force_login(administrator)
    response = client.post(
        reverse("meetings:item-add", args=[meeting.pk]),
        _item_post(kind=AgendaItemKind.DOCUMENT, title="Appendix"),
    )
    assert response.status_code == 400
    assert "Select a PDF document to upload" in response.content.decode()
    assert not meeting.items.exists()


# Two people editing at once --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_stale_edit_of_a_meeting_is_refused_and_overwrites_nothing(client, board, administrator):
    meeting = _meeting(board, administrator)
    other_admin = factories.user(roles.ADMINISTRATOR, username="admin2")
    day = timezone.localtime(meeting.starts_at).date().isoformat()
    url = reverse("meetings:meeting-edit", args=[meeting.pk])
    client.force_login(other_admin)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"seen_version": 1, "day": day, "time": "14:00", "venue": "Room 2", "minutes": "Agreed."}
    )
    assert response.status_code == 302

    client.force_login(administrator)  # loaded the form at version 1 too
    response = client.post(
        url, {"seen_version": 1, "day": day, "time": "10:00", "venue": "Room 9", "minutes": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert STALE in page and "govuk-error-summary" in page
    meeting.refresh_from_db()
    assert (meeting.venue, meeting.minutes, meeting.version) == ("Room 2", "Agreed.", 2)
    assert timezone.localtime(meeting.starts_at).hour == 14


@pytest.mark.django_db
def test_a_stale_edit_or_removal_of_an_item_is_refused_and_overwrites_nothing(
    client, board, administrator, media
):
    meeting = _meeting(board, administrator)
    item = _item(meeting, administrator, title="Minutes")
    other_admin = factories.user(roles.ADMINISTRATOR, username="admin2")
    url = reverse("meetings:item-edit", args=[meeting.pk, item.pk])
    client.force_login(other_admin)
    assert client.post(url, _item_post(title="Minutes of 3 March")).status_code == 302

    client.force_login(administrator)
    response = client.post(url, _item_post(title="Minutes (draft)", document=_upload(pdf_bytes(1))))
    assert response.status_code == 400
    assert STALE in response.content.decode()
    item.refresh_from_db()
    assert (item.title, item.version, bool(item.document)) == ("Minutes of 3 March", 2, False)
    assert _stored_files(media) == []

    response = client.post(url, {"remove": "1", "seen_version": 1})
    assert response.status_code == 400
    assert STALE in response.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()


@pytest.mark.django_db
def test_a_stale_removal_from_the_work_programme_is_refused(client, board, administrator):
    planned = services.add_to_work_programme(
        board=board,
        acting_user=administrator,
        title="Decision summaries",
        kind=AgendaItemKind.DECISIONS,
        due_from=timezone.localdate(),
    )
    WorkProgrammeItem.objects.filter(pk=planned.pk).update(version=2)  # someone changed it since
    client.force_login(administrator)
    response = client.post(
        reverse("meetings:programme-remove", args=[board.pk, planned.pk]), {"seen_version": 1}, follow=True
    )
    assert STALE in response.content.decode()
    assert WorkProgrammeItem.objects.filter(pk=planned.pk).exists()


@pytest.mark.django_db
def test_a_removal_with_a_garbled_version_is_refused_not_an_error(client, board, administrator):
    meeting = _meeting(board, administrator)
    item = _item(meeting, administrator)
    planned = services.add_to_work_programme(
        board=board, acting_user=administrator, title="Decisions", kind=AgendaItemKind.DECISIONS,
        due_from=timezone.localdate(),
    )  # fmt: skip
    client.force_login(administrator)
    url = reverse("meetings:item-edit", args=[meeting.pk, item.pk])
    response = client.post(url, {"remove": "1", "seen_version": "one"})
    assert response.status_code == 400
    assert STALE in response.content.decode()
    response = client.post(
        reverse("meetings:programme-remove", args=[board.pk, planned.pk]), {"seen_version": "1x"}, follow=True
    )
    assert STALE in response.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    assert WorkProgrammeItem.objects.filter(pk=planned.pk).exists()


# Ordering and removing -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_moving_items_up_and_down_renumbers_the_agenda(client, board, administrator):
    meeting = _meeting(board, administrator)
    a, b, c = (_item(meeting, administrator, title=t) for t in ("A", "B", "C"))
    client.force_login(administrator)

    def move(item, direction):
        response = client.post(
            reverse("meetings:item-move", args=[meeting.pk, item.pk]), {"direction": direction}
        )
        assert response.status_code == 302
        assert response["Location"].endswith(f"#item-{item.pk}")

    move(c, "up")
    assert _positions(meeting) == [(1, "A"), (2, "C"), (3, "B")]
    move(a, "down")
    assert _positions(meeting) == [(1, "C"), (2, "A"), (3, "B")]
    move(c, "up")  # already first
    move(b, "down")  # already last
    assert _positions(meeting) == [(1, "C"), (2, "A"), (3, "B")]
    history = AgendaItem.history.filter(id=c.pk, history_type="~").first()
    assert history.history_user == administrator
    assert history.history_change_reason == "Moved on the agenda"


@pytest.mark.django_db
def test_removing_an_item_renumbers_and_returns_it_to_the_work_programme(client, board, administrator):
    day = timezone.localdate() + timedelta(days=30)
    planned = services.add_to_work_programme(
        board=board,
        acting_user=administrator,
        title="Recommendations: the response",
        kind=AgendaItemKind.RECOMMENDATIONS,
        due_from=day - timedelta(days=1),
    )
    meeting = services.create_meeting(
        board=board, starts_at=_at(day), venue="Chamber", acting_user=administrator
    )
    _item(meeting, administrator, title="Minutes")
    _item(meeting, administrator, title="Decisions", kind=AgendaItemKind.DECISIONS)
    placed = meeting.items.get(title="Recommendations: the response")
    assert _positions(meeting) == [(1, "Recommendations: the response"), (2, "Minutes"), (3, "Decisions")]

    client.force_login(administrator)
    response = client.post(
        reverse("meetings:item-edit", args=[meeting.pk, placed.pk]), {"remove": "1", "seen_version": 1}
    )
    assert response.status_code == 302
    assert _positions(meeting) == [(1, "Minutes"), (2, "Decisions")]
    planned.refresh_from_db()
    assert planned.agenda_item is None
    page = client.get(reverse("meetings:board-meetings", args=[board.pk])).content.decode()
    assert "Recommendations: the response" in page  # waiting to be placed again

    nxt = _meeting(board, administrator, days=60)
    assert _positions(nxt) == [(1, "Recommendations: the response")]


# Every change is in the history, with who made it ----------------------------------------------------------


@pytest.mark.django_db
def test_every_change_is_recorded_with_the_acting_user(client, board, administrator, own_strategy):
    client.force_login(administrator)
    day = (timezone.localdate() + timedelta(days=20)).isoformat()
    client.post(
        reverse("meetings:meeting-create", args=[board.pk]),
        {"seen_version": 1, "day": day, "time": "14:00", "venue": "Chamber"},
    )
    meeting = Meeting.objects.get()
    client.post(
        reverse("meetings:meeting-edit", args=[meeting.pk]),
        {"seen_version": 1, "day": day, "time": "15:00", "venue": "Chamber", "minutes": ""},
    )
    for title in ("One", "Two"):
        client.post(reverse("meetings:item-add", args=[meeting.pk]), _item_post(title=title))
    one, two = meeting.items.order_by("position")
    client.post(reverse("meetings:item-edit", args=[meeting.pk, one.pk]), _item_post(title="One, changed"))
    client.post(reverse("meetings:item-move", args=[meeting.pk, two.pk]), {"direction": "up"})
    client.post(reverse("meetings:item-edit", args=[meeting.pk, one.pk]), {"remove": "1", "seen_version": 2})
    client.post(
        reverse("meetings:programme-add", args=[board.pk]),
        {
            "seen_version": 1,
            "title": "Update",
            "kind": AgendaItemKind.HIGHLIGHT,
            "strategy": own_strategy.pk,
            "due_from": day,
        },
    )
    planned = WorkProgrammeItem.objects.get()
    client.post(reverse("meetings:programme-remove", args=[board.pk, planned.pk]), {"seen_version": 1})

    assert list(Meeting.history.order_by("history_id").values_list("history_type", "history_user")) == [
        ("+", administrator.pk),
        ("~", administrator.pk),
    ]
    assert list(
        AgendaItem.history.filter(id=one.pk).order_by("history_id").values_list("history_type", "title")
    ) == [("+", "One"), ("~", "One, changed"), ("~", "One, changed"), ("-", "One, changed")]
    # (the second "~" is its move down when "Two" went up)
    assert set(AgendaItem.history.values_list("history_user", flat=True)) == {administrator.pk}
    assert list(
        WorkProgrammeItem.history.order_by("history_id").values_list("history_type", "history_user")
    ) == [("+", administrator.pk), ("-", administrator.pk)]


@pytest.mark.django_db
def test_placing_a_work_programme_item_is_recorded(board, administrator):
    planned = services.add_to_work_programme(
        board=board,
        acting_user=administrator,
        title="Decisions",
        kind=AgendaItemKind.DECISIONS,
        due_from=timezone.localdate(),
    )
    meeting = _meeting(board, administrator, days=5)
    record = planned.history.order_by("-history_id").first()
    assert record.history_user == administrator
    assert record.agenda_item_id == meeting.items.get().pk
    assert record.history_change_reason.startswith("Placed on the agenda of")
    assert meeting.items.get().history.get().history_change_reason == "From the work programme"


# Building the packs ----------------------------------------------------------------------------------------


def build_jobs(build=None) -> list:
    """The pack build jobs written to the outbox (for one build, if given)."""
    jobs = OutboxJob.objects.filter(task=services.BUILD_TASK).order_by("pk")
    return list(jobs.filter(args=[build.pk]) if build else jobs)


@pytest.mark.django_db
def test_two_requests_to_build_make_one_build(client, board, administrator, scrutiny):
    meeting = _meeting(board, administrator)
    first = services.request_build(meeting=meeting, acting_user=scrutiny)
    second = services.request_build(meeting=meeting, acting_user=administrator)
    assert second.pk == first.pk
    client.force_login(scrutiny)
    response = client.post(reverse("meetings:build-packs", args=[meeting.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith("#packs")
    assert PackBuild.objects.filter(meeting=meeting).count() == 1
    (job,) = build_jobs()  # written with the build, in its transaction
    build = PackBuild.objects.get()
    assert (job.args, job.job_id, job.sent_at) == ([first.pk], build.job_id, None)
    assert (build.status, build.requested_by) == (PackBuild.Status.QUEUED, scrutiny)

    # While it waits, the panel polls itself and offers no second build.
    panel = client.get(reverse("meetings:packs", args=[meeting.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in panel
    assert reverse("meetings:packs", args=[meeting.pk]) in panel
    assert "Build the packs" not in panel


@pytest.mark.django_db
def test_a_build_whose_heartbeat_stopped_is_stalled_within_two_minutes(
    board, administrator, scrutiny, settings
):
    meeting = _meeting(board, administrator)
    build = services.request_build(meeting=meeting, acting_user=scrutiny)
    assert timedelta(minutes=2) > settings.PACK_BUILD_HEARTBEAT_TIMEOUT
    beat = timezone.now() - settings.PACK_BUILD_HEARTBEAT_TIMEOUT
    PackBuild.objects.filter(pk=build.pk).update(
        status=PackBuild.Status.RUNNING, heartbeat_at=beat + timedelta(seconds=5)
    )
    assert not services.is_stalled(PackBuild.objects.get(pk=build.pk))  # a live heartbeat
    PackBuild.objects.filter(pk=build.pk).update(heartbeat_at=beat - timedelta(seconds=1))
    assert services.is_stalled(PackBuild.objects.get(pk=build.pk))
    # Waiting for a worker, a build is stalled only after PACK_BUILD_STALLED_AFTER (its job lost).
    PackBuild.objects.filter(pk=build.pk).update(status=PackBuild.Status.QUEUED, heartbeat_at=None)
    assert not services.is_stalled(PackBuild.objects.get(pk=build.pk))


@pytest.mark.django_db
def test_a_build_that_stalled_is_replaced(board, administrator, scrutiny, settings):
    meeting = _meeting(board, administrator)
    stalled = services.request_build(meeting=meeting, acting_user=scrutiny)
    PackBuild.objects.filter(pk=stalled.pk).update(
        status=PackBuild.Status.RUNNING,
        heartbeat_at=timezone.now() - settings.PACK_BUILD_HEARTBEAT_TIMEOUT - timedelta(seconds=1),
    )
    assert services.is_stalled(PackBuild.objects.get(pk=stalled.pk))
    fresh = services.request_build(meeting=meeting, acting_user=scrutiny)
    assert fresh.pk != stalled.pk
    old_job, new_job = build_jobs()
    assert (old_job.args, new_job.args) == ([stalled.pk], [fresh.pk])
    assert old_job.sent_at is not None, "the old build's job, not yet published, never will be"
    stalled.refresh_from_db()
    assert (stalled.status, stalled.error, stalled.lease) == (PackBuild.Status.FAILED, services.STALLED, "")


@pytest.mark.django_db
def test_the_page_shows_a_stalled_build_and_offers_to_restart_it(
    client, board, administrator, scrutiny, settings
):
    meeting = _meeting(board, administrator)
    build = services.request_build(meeting=meeting, acting_user=scrutiny)
    PackBuild.objects.filter(pk=build.pk).update(
        status=PackBuild.Status.RUNNING,
        progress=16,
        heartbeat_at=timezone.now() - settings.PACK_BUILD_HEARTBEAT_TIMEOUT - timedelta(seconds=1),
    )
    client.force_login(scrutiny)
    panel = client.get(reverse("meetings:packs", args=[meeting.pk])).content.decode()
    assert "The build stalled" in panel and "Restart the build" in panel
    assert 'hx-trigger="every 1s"' not in panel  # no longer "Building… 16%"
    restart = reverse("meetings:restart-build", args=[meeting.pk, build.pk])
    assert restart in panel
    response = client.post(restart, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'hx-trigger="every 1s"' in response.content.decode()  # the new build, waiting for a worker
    fresh = meeting.builds.first()
    assert fresh.pk != build.pk and fresh.status == PackBuild.Status.QUEUED
    build.refresh_from_db()
    assert (build.status, build.error) == (PackBuild.Status.FAILED, services.RESTARTED)
    # Restarting again (a second press) starts nothing more: the old build is no longer stalled.
    client.post(restart)
    assert meeting.builds.count() == 2 and len(build_jobs()) == 2


@pytest.mark.django_db
def test_when_the_queue_is_down_the_build_waits_and_the_page_says_so(
    client, board, administrator, scrutiny, django_capture_on_commit_callbacks
):
    meeting = _meeting(board, administrator)
    _item(meeting, administrator, title="Contract award", confidential=True, exemption="3")
    existing = [
        _pack(meeting, PackPart.PUBLIC, by=scrutiny),
        _pack(meeting, PackPart.CONFIDENTIAL, by=scrutiny),
    ]
    before = list(Pack.objects.order_by("pk").values_list("pk", "part", "version", "sha256", "file", "size"))
    bodies = {p.pk: p.file.open("rb").read() for p in existing}

    client.force_login(scrutiny)
    down = mock.patch("commissioning.outbox.connected", side_effect=OperationalError("Error 111 connecting"))
    started = monotonic()
    with down, django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:build-packs", args=[meeting.pk]))
    assert response.status_code == 302 and monotonic() - started < 5
    page = client.get(response["Location"]).content.decode()
    assert "E-mails and pack builds are delayed" in page
    assert "The build is kept and starts as soon as it is back" in page
    build = PackBuild.objects.filter(meeting=meeting).order_by("-pk").first()
    assert build.status == PackBuild.Status.QUEUED and build.error == ""
    (job,) = build_jobs(build)
    assert job.sent_at is None
    assert (
        list(Pack.objects.order_by("pk").values_list("pk", "part", "version", "sha256", "file", "size"))
        == before
    )
    for pack in existing:
        with Pack.objects.get(pk=pack.pk).file.open("rb") as f:
            assert f.read() == bodies[pack.pk]
    assert "Download version 1" in page, "the packs already built can still be downloaded"

    # The relay, while the queue is still down, keeps the job and tries again later.
    with down:
        assert outbox.relay_jobs() == (0, 1)
    job.refresh_from_db()
    assert (job.sent_at, job.attempts) == (None, 1) and job.next_attempt_at > timezone.now()
    # Back: the relay publishes it once, under the build's job id.
    OutboxJob.objects.filter(pk=job.pk).update(next_attempt_at=timezone.now())
    with mock.patch("commissioning.outbox.current_app.send_task") as send_task:
        assert outbox.relay_jobs() == (1, 0)
        assert outbox.relay_jobs() == (0, 0)
    send_task.assert_called_once()
    assert send_task.call_args.args == (services.BUILD_TASK,)
    assert send_task.call_args.kwargs["args"] == [build.pk]
    assert send_task.call_args.kwargs["task_id"] == build.job_id


@pytest.mark.django_db
def test_a_failed_build_can_be_tried_again(client, board, administrator, scrutiny):
    meeting = _meeting(board, administrator)
    failed = PackBuild.objects.create(
        meeting=meeting, requested_by=scrutiny, status=PackBuild.Status.FAILED, error="Broken", job_id="old"
    )
    client.force_login(scrutiny)
    response = client.post(reverse("meetings:retry-build", args=[meeting.pk, failed.pk]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.error, failed.finished_at) == (PackBuild.Status.QUEUED, "", None)
    (job,) = build_jobs(failed)
    assert job.job_id == failed.job_id != "old"  # a new job: the old one, run late, stores nothing
    assert PackBuild.objects.count() == 1


# Downloading -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_downloading_a_pack(client, board, administrator, scrutiny):
    meeting = _meeting(board, administrator)
    body = b"%PDF-1.7\n" + b"x" * 5000 + b"\n%%EOF\n"
    pack = _pack(meeting, by=scrutiny, body=body)
    client.force_login(scrutiny)
    response = client.get(reverse("meetings:pack", args=[pack.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    day = timezone.localtime(meeting.starts_at)
    filename = f"children-and-young-people-scrutiny-committee-{day:%Y-%m-%d}-public-v1.pdf"
    assert pack.filename == filename
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["X-Content-SHA256"] == hashlib.sha256(body).hexdigest() == pack.sha256
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == body

    panel = client.get(reverse("meetings:packs", args=[meeting.pk])).content.decode()
    assert "Download version 1" in panel and pack.sha256 in panel


@pytest.mark.django_db
def test_a_pack_or_document_is_not_found_by_those_not_entitled(
    client,
    board,
    administrator,
    scrutiny,
    commissioner,
    commissioner2,
    councillor,
    own_strategy,
    other_strategy,
):
    """commissioner is concerned with the exempt item; commissioner2 with the public item only; councillor
    with nothing on the agenda. A refused download is a 404, like a pack that does not exist."""
    meeting = _meeting(board, administrator)
    _item(
        meeting, administrator, title="Family support", kind=AgendaItemKind.HIGHLIGHT, strategy=other_strategy
    )
    exempt = _item(
        meeting,
        administrator,
        title="Contract award",
        kind=AgendaItemKind.DOCUMENT,
        strategy=own_strategy,
        confidential=True,
        exemption="3",
        document=ContentFile(pdf_bytes(1), name="award.pdf"),
        document_pages=1,
    )
    public_doc = _item(
        meeting,
        administrator,
        title="Budget",
        kind=AgendaItemKind.DOCUMENT,
        document=ContentFile(pdf_bytes(1), name="budget.pdf"),
        document_pages=1,
    )
    public, confidential = (
        _pack(meeting, PackPart.PUBLIC, by=scrutiny),
        _pack(meeting, PackPart.CONFIDENTIAL, by=scrutiny),
    )
    urls = {
        "public pack": reverse("meetings:pack", args=[public.pk]),
        "confidential pack": reverse("meetings:pack", args=[confidential.pk]),
        "public document": reverse("meetings:item-document", args=[meeting.pk, public_doc.pk]),
        "exempt document": reverse("meetings:item-document", args=[meeting.pk, exempt.pk]),
    }
    entitled = {
        "scrutiny": set(urls),
        "administrator": set(urls),
        "commissioner": set(urls),
        "commissioner2": {"public pack", "public document"},
        "councillor": set(),
    }
    people = {
        "scrutiny": scrutiny,
        "administrator": administrator,
        "commissioner": commissioner,
        "commissioner2": commissioner2,
        "councillor": councillor,
    }
    for role, person in people.items():
        client.force_login(person)
        for what, url in urls.items():
            status = client.get(url).status_code
            assert status == (200 if what in entitled[role] else 404), (role, what, status)
    client.force_login(councillor)
    missing = Pack.objects.order_by("-pk").first().pk + 1
    assert client.get(reverse("meetings:pack", args=[missing])).status_code == 404
    # A document asked for under another meeting's address is not found either.
    other_meeting = _meeting(board, administrator, days=40)
    client.force_login(administrator)
    assert (
        client.get(reverse("meetings:item-document", args=[other_meeting.pk, exempt.pk])).status_code == 404
    )
    assert (
        client.get(reverse("meetings:item-document", args=[meeting.pk, public_doc.pk + 100])).status_code
        == 404
    )
    client.logout()
    response = client.get(urls["public pack"])
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_the_packs_panel_tells_those_not_entitled_why(client, board, administrator, scrutiny, councillor):
    meeting = _meeting(board, administrator)
    _item(meeting, administrator, title="Contract award", confidential=True, exemption="3")
    public = _pack(meeting, PackPart.PUBLIC, by=scrutiny)
    client.force_login(councillor)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Contract award" in page and "Exempt" in page  # the agenda is public business
    assert public.get_absolute_url() not in page
    assert "Download version" not in page
    assert (
        permissions.can_download(councillor, meeting, part=PackPart.PUBLIC).reason.replace("'", "&#x27;")
        in page
    )
    assert "Build the packs" not in page
