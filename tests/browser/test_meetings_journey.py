"""Meetings and their packs through the pages (issue 8): an administrator puts an item on a scrutiny board's
work programme, sets up a meeting (which places it), adds a strategy report by keyboard only and an exempt
document (refused first without its paragraph); a member of the board builds the packs with a real Celery
worker, watches the progress move (HTMX polling), and downloads both packs, each matching the SHA-256 the
page shows; a commissioner not concerned with the meeting sees its agenda but no downloads, with the reason.
Every page is checked with axe-core."""

import hashlib
import re
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from commissioning import roles
from meetings import services
from meetings.models import AgendaItem, AgendaItemKind, Meeting, Pack, PackPart, WorkProgrammeItem
from members.models import Board

from .. import factories
from ..conftest import running_celery_worker
from ..meetings.test_meetings import pdf_bytes
from .pages import axe, field, fill_date, in_place, navigation, sign_in, success_banner, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOARD = "Children and Young People Scrutiny Committee"
PAUSE = "1.5"  # seconds the worker waits before laying out each part, so the progress can be seen to move


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def main(page: Page) -> Locator:
    return page.get_by_role("main")


def error_summary(page: Page) -> Locator:
    return page.locator(".govuk-error-summary")


def agenda_rows(page: Page) -> Locator:
    return page.locator("#agenda + .app-table-scroll table tbody tr")


def _board(*members) -> Board:
    return factories.board(name=BOARD, kind=Board.Kind.SCRUTINY_COMMITTEE, members=members)


# (a) Setting up a meeting and its agenda ---------------------------------------------------------------------


def test_an_administrator_sets_up_a_meeting_and_its_agenda(page: Page, administrator, commissioner, tmp_path):
    strategy = factories.strategy(commissioner=commissioner, title="Children are safe and healthy")
    board = _board(factories.user(roles.SCRUTINY_MEMBER, username="scrutiny"))
    day = timezone.localdate() + timedelta(days=21)

    sign_in(page, administrator)
    visit(page, reverse("meetings:meetings"))
    expect(h1(page)).to_have_text("Meetings")
    visit(page, reverse("meetings:board-meetings", args=[board.pk]))
    expect(h1(page)).to_have_text("Meetings and work programme")
    expect(main(page)).to_contain_text("Nothing waiting.")

    # The work programme: something the board means to consider, due before the meeting.
    field(page, "Title").fill("Decisions since the last meeting")
    page.get_by_label("Decision summaries").check()
    fill_date(page, "For the first meeting on or after", day - timedelta(days=7))
    with navigation(page):
        page.get_by_role("button", name="Add to the work programme").click()
    expect(success_banner(page)).to_contain_text("Decisions since the last meeting is on the work programme.")

    with navigation(page):
        main(page).get_by_role("link", name="Set up a meeting").click()
    expect(h1(page)).to_have_text("Set up a meeting")
    fill_date(page, "Date", day)
    field(page, "Start time").fill("14:00")
    field(page, "Venue").fill("Committee Room One, County Offices")
    with navigation(page):
        page.get_by_role("button", name="Save").click()
    expect(success_banner(page)).to_contain_text(
        "The meeting is set up. 1 item from the work programme is on its agenda."
    )
    meeting = Meeting.objects.get(board=board)
    expect(h1(page)).to_have_text(f"Meeting on {day.day} {day:%B %Y}")
    expect(agenda_rows(page)).to_have_count(1)
    expect(agenda_rows(page).first).to_contain_text("Decisions since the last meeting")
    expect(page.locator("#packs-panel")).to_contain_text("Not built yet.")

    # A strategy report, by keyboard only.
    with navigation(page):
        page.get_by_role("link", name="Add an agenda item").click()
    expect(h1(page)).to_have_text("Add an agenda item")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    first_kind = page.get_by_label("Strategy: the outcomes for approval")
    expect(first_kind).to_be_focused()
    page.keyboard.press("Space")
    expect(first_kind).to_be_checked()
    page.keyboard.press("Tab")
    expect(field(page, "Title")).to_be_focused()
    page.keyboard.type("Outcomes for approval")
    page.keyboard.press("Tab")
    choose = page.get_by_label(re.compile(r"^Strategy \(for a strategy"))
    expect(choose).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(choose.locator("option:checked")).to_have_text(str(strategy))
    page.keyboard.press("Tab")
    expect(field(page, "PDF document")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Exempt from publication")).to_be_focused()
    page.keyboard.press("Tab")
    expect(field(page, "Reason for exemption")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Save")).to_be_focused()
    with navigation(page):
        page.keyboard.press("Enter")
    expect(success_banner(page)).to_contain_text("Item 2, Outcomes for approval, is on the agenda.")
    report = AgendaItem.objects.get(meeting=meeting, position=2)
    assert (report.kind, report.strategy, report.confidential) == (AgendaItemKind.STRATEGY, strategy, False)

    # An exempt document: refused without its paragraph of Schedule 12A, then saved with it.
    appendix = tmp_path / "contract-award.pdf"
    appendix.write_bytes(pdf_bytes(pages=3))
    with navigation(page):
        page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("An uploaded document").check()
    field(page, "Title").fill("Award of the family support contract")
    field(page, "PDF document").set_input_files(appendix)
    page.get_by_label("Exempt from publication").check()
    with navigation(page):  # axe runs on the form with its errors
        page.get_by_role("button", name="Save").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(error_summary(page)).to_contain_text(
        "Select the paragraph of Schedule 12A that makes this item exempt"
    )
    summary_link = error_summary(page).get_by_role("link")
    expect(summary_link).to_have_count(1)
    summary_link.click()
    expect(field(page, "Reason for exemption")).to_be_focused()
    assert AgendaItem.objects.filter(meeting=meeting).count() == 2
    field(page, "Reason for exemption").select_option("3")
    field(page, "PDF document").set_input_files(appendix)  # a browser never keeps a chosen file
    with navigation(page):
        page.get_by_role("button", name="Save").click()
    expect(success_banner(page)).to_contain_text("Item 3, Award of the family support contract, is on")
    # An untagged PDF: the person uploading it is told, and the agenda marks it.
    expect(page.locator(".govuk-notification-banner", has_text="Important")).to_contain_text(
        "the PDF is not tagged, so a screen reader may not be able to read it"
    )

    expect(agenda_rows(page)).to_have_count(3)
    exempt_row = agenda_rows(page).nth(2)
    expect(exempt_row).to_contain_text("Exempt")
    expect(exempt_row).to_contain_text("Paragraph 3: financial or business affairs")
    expect(exempt_row).to_contain_text("3 pages")
    expect(exempt_row).to_contain_text("Not tagged")
    expect(agenda_rows(page).nth(1)).to_contain_text(strategy.reference)

    # The strategy report goes first.
    with navigation(page):
        agenda_rows(page).nth(1).get_by_role("button", name=re.compile(r"^Up")).click()
    expect(agenda_rows(page).first).to_contain_text("Outcomes for approval")
    assert list(meeting.items.order_by("position").values_list("title", flat=True)) == [
        "Outcomes for approval",
        "Decisions since the last meeting",
        "Award of the family support contract",
    ]
    assert WorkProgrammeItem.objects.get().agenda_item.meeting == meeting
    exempt = AgendaItem.objects.get(meeting=meeting, confidential=True)
    assert (exempt.exemption, exempt.document_pages) == ("3", 3)


# (b) and (c) Building and downloading the packs ---------------------------------------------------------------


@pytest.fixture
def slow_pack_builds(request, django_db_setup):
    """A Celery worker of this test's own that pauses before laying out each part, so the page can be seen
    following the build; yields whether the builds are slowed. Its own, not the session's: a session worker
    started with the pause would slow every later test's builds (~4.5 s each). If the session's worker is
    already running it takes the build too, at full speed, and the pauses are not checked."""
    worker = request._fixturemanager.getfixturedefs("celery_worker", request.node) or ()
    if any(getattr(d, "cached_result", None) is not None for d in worker):
        yield False
        return
    with running_celery_worker(PACK_BUILD_PAUSE_SECONDS=PAUSE):
        yield True


def _a_meeting_with_an_exempt_item(administrator, commissioner) -> tuple[Meeting, object]:
    scrutiny = factories.user(roles.SCRUTINY_MEMBER, username="scrutiny")
    board = _board(scrutiny)
    strategy = factories.strategy(commissioner=commissioner, title="Children are safe and healthy")
    when = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=14), time(14)))
    meeting = services.create_meeting(
        board=board, starts_at=when, venue="Council Chamber", acting_user=administrator
    )
    services.add_item(
        meeting=meeting,
        acting_user=administrator,
        kind=AgendaItemKind.STRATEGY,
        title="Outcomes for approval",
        strategy=strategy,
    )
    services.add_item(
        meeting=meeting,
        acting_user=administrator,
        kind=AgendaItemKind.DOCUMENT,
        title="Award of the family support contract",
        strategy=strategy,
        confidential=True,
        exemption="3",
        document=ContentFile(pdf_bytes(pages=2), name="award.pdf"),
        document_pages=2,
    )
    return meeting, scrutiny


# Records what the packs panel shows each time HTMX swaps it: the progress value and the step.
_WATCH_PROGRESS = """() => {
  window.__packSteps = [];
  const panel = document.getElementById('packs-panel');
  const note = () => {
    const bar = panel.querySelector('progress');
    const label = panel.querySelector('label[for="pack-progress"]');
    if (bar && label) window.__packSteps.push(bar.value + '|' + label.textContent.trim());
  };
  new MutationObserver(note).observe(panel, {childList: true, subtree: true});
}"""


def _pack_row(page: Page, heading: str) -> Locator:
    """The newest version's row of one part's table of versions."""
    section = page.locator("#packs-panel h3", has_text=heading)
    return (
        section.locator("xpath=following-sibling::div[contains(@class, 'app-table-scroll')][1]//table")
        .locator("tbody tr")
        .first
    )


def _download(page: Page, row: Locator, version: int, tmp_path: Path) -> tuple[str, bytes]:
    link = row.get_by_role("link", name=re.compile(rf"^Download version {version}\b"))
    with page.expect_download() as info:
        link.click()
    download = info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    return download.suggested_filename, target.read_bytes()


@pytest.mark.worker
def test_a_board_member_builds_and_downloads_the_packs(
    slow_pack_builds, new_page, administrator, commissioner, commissioner2, tmp_path
):
    meeting, scrutiny = _a_meeting_with_an_exempt_item(administrator, commissioner)
    page = new_page()
    sign_in(page, scrutiny)
    visit(page, meeting.get_absolute_url())  # axe: the meeting without packs
    expect(h1(page)).to_contain_text("Meeting on")
    panel = page.locator("#packs-panel")
    expect(panel).to_have_attribute("aria-live", "polite")
    expect(panel).to_contain_text("Not built yet.")

    page.evaluate(_WATCH_PROGRESS)
    with in_place(page, "the build has started"):
        page.get_by_role("button", name="Build the packs").click()
        expect(panel.locator("progress")).to_be_visible()
    expect(panel).to_contain_text("Building the packs")
    expect(page.get_by_role("button", name="Build the packs")).to_have_count(0)  # no second build meanwhile

    download_public = panel.get_by_role("link", name=re.compile(r"^Download version 1 of the public pack"))
    expect(download_public).to_be_visible(timeout=120_000)
    assert page.evaluate("() => window.__marker") == 1, "the page followed the build without reloading"
    axe(page, "the packs are built")
    steps = page.evaluate("() => window.__packSteps")
    values = [int(s.split("|")[0]) for s in steps]
    assert values == sorted(values), f"the progress went backwards: {steps}"
    assert all(s.split("|", 1)[1].startswith("Building the packs") for s in steps), steps
    if slow_pack_builds:
        assert len(set(steps)) >= 2, f"the progress was not seen to move: {steps}"
        assert any("Putting the confidential pack" in s for s in steps), steps
    expect(panel.locator("progress")).to_have_count(0)
    expect(panel.locator("#pack-built")).to_contain_text("The packs were built")

    public = Pack.objects.get(meeting=meeting, part=PackPart.PUBLIC)
    confidential = Pack.objects.get(meeting=meeting, part=PackPart.CONFIDENTIAL)
    for heading, pack in (("Public pack", public), ("Confidential pack (exempt items)", confidential)):
        row = _pack_row(page, heading)
        expect(row).to_contain_text("Latest")
        shown = row.locator("code.app-hash").inner_text().strip()
        name, body = _download(page, row, 1, tmp_path)
        assert body.startswith(b"%PDF"), heading
        assert hashlib.sha256(body).hexdigest() == shown == pack.sha256, heading
        assert name == pack.filename
        pages = len(PdfReader(tmp_path / name).pages)
        expect(row.locator("td").nth(2)).to_have_text(str(pages))
        assert pages == pack.pages
        expect(row).to_contain_text("Checked (PDF/UA): 0 errors")
    expect(_pack_row(page, "Confidential pack (exempt items)")).to_contain_text("1 untagged appendix")
    assert confidential.pages >= 2, "the exempt document's two pages are in the confidential pack"

    # Reloaded, the meeting page has the packs (and no stale "being built" message).
    visit(page, meeting.get_absolute_url())
    expect(page.locator(".govuk-notification-banner")).to_have_count(0)
    expect(_pack_row(page, "Public pack")).to_contain_text("Download version 1")

    # (c) A commissioner not concerned with this meeting sees its agenda, but no packs, and why.
    other_page = new_page()
    sign_in(other_page, commissioner2)
    visit(other_page, meeting.get_absolute_url())  # axe: the meeting with packs, to someone not entitled
    expect(agenda_rows(other_page)).to_have_count(2)
    expect(agenda_rows(other_page).nth(1)).to_contain_text("Award of the family support contract")
    other_panel = other_page.locator("#packs-panel")
    expect(other_panel.get_by_role("link", name=re.compile("Download"))).to_have_count(0)
    expect(other_panel).to_contain_text(
        f"This meeting's packs can be downloaded by members of {BOARD}, the officers concerned and "
        "administrators."
    )
    expect(other_panel.get_by_role("button")).to_have_count(0)
    visit(other_page, public.get_absolute_url(), status=404)
    visit(other_page, confidential.get_absolute_url(), status=404)

    # The officer concerned (the strategy's commissioner) downloads the confidential pack too.
    own_page = new_page()
    sign_in(own_page, commissioner)
    visit(own_page, meeting.get_absolute_url())
    row = _pack_row(own_page, "Confidential pack (exempt items)")
    (tmp_path / "concerned").mkdir()
    _name, body = _download(own_page, row, 1, tmp_path / "concerned")
    assert hashlib.sha256(body).hexdigest() == confidential.sha256


def test_a_board_member_restarts_a_stalled_build(page: Page, administrator, commissioner, settings):
    """A build whose worker died (its heartbeat stopped) shows as stalled, not "Building… 16%", and the
    board member restarts it in place."""
    from meetings.models import PackBuild

    meeting, scrutiny = _a_meeting_with_an_exempt_item(administrator, commissioner)
    PackBuild.objects.create(  # its job and worker lost: written directly, so no worker of this session takes it
        meeting=meeting,
        requested_by=scrutiny,
        status=PackBuild.Status.RUNNING,
        progress=16,
        job_id="a job whose worker was killed",
        heartbeat_at=timezone.now() - settings.PACK_BUILD_HEARTBEAT_TIMEOUT - timedelta(seconds=1),
    )
    sign_in(page, scrutiny)
    visit(page, meeting.get_absolute_url())  # axe: the stalled build
    panel = page.locator("#packs-panel")
    expect(panel).to_contain_text("The build stalled")
    expect(panel.locator("progress")).to_have_count(0)
    with in_place(page, "the build was restarted"):
        panel.get_by_role("button", name="Restart the build").click()
        # The new build, waiting or running (or already built, if a worker of this session took it).
        expect(panel).to_contain_text(re.compile("Building the packs|The packs were built"))
    expect(panel.get_by_role("button", name="Restart the build")).to_have_count(0)
    assert meeting.builds.count() == 2
