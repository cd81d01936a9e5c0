"""The business of a meeting through the pages (issue 20): democratic services (an administrator) records who
attended a board's meeting (apologies, and a substitute), records the resolution on a strategy item that
settles its approval, drafts the minutes from that record, and approves them as a correct record at the
board's next meeting; a member of the board then reads the frozen minutes and the attendance statistics.
Every page is checked with axe-core."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from commissioning import roles
from meetings import services
from meetings.models import AgendaItemKind, Attendance, MinutesVersion
from members.models import Board

from .. import factories
from .pages import field, navigation, sign_in, success_banner, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _at(days: int):
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), time(14)))


def test_democratic_services_record_a_meeting_and_approve_its_minutes(
    page: Page, administrator, commissioner
):
    members = [
        factories.user(roles.SCRUTINY_MEMBER, first_name=first, last_name=last)
        for first, last in [("Ann", "Ash"), ("Bob", "Birch"), ("Cy", "Cedar")]
    ]
    substitute = factories.user(roles.COUNCILLOR, first_name="Sue", last_name="Stand-in")
    board = factories.board(
        name="Adults Scrutiny Committee", kind=Board.Kind.SCRUTINY_COMMITTEE, members=members
    )
    strategy = factories.strategy(commissioner=commissioner, title="Carers are supported")
    approval = factories.approve(strategy)
    meeting = services.create_meeting(
        board=board, starts_at=_at(-7), venue="Room 1", acting_user=administrator
    )
    item = services.add_item(
        meeting=meeting, kind=AgendaItemKind.STRATEGY, title="Carers: the outcomes", strategy=strategy,
        acting_user=administrator,
    )  # fmt: skip
    following = services.create_meeting(
        board=board, starts_at=_at(1), venue="Room 1", acting_user=administrator
    )
    services.add_item(
        meeting=following,
        kind=AgendaItemKind.MINUTES,
        title="Minutes of the last meeting",
        acting_user=administrator,
    )
    services.record_attendance(
        meeting=following,
        statuses={m.pk: Attendance.Status.PRESENT for m in members},
        acting_user=administrator,
    )

    sign_in(page, administrator, then=meeting.get_absolute_url())
    with navigation(page):
        page.get_by_role("link", name="Record the attendance").click()
    for member, status in [(members[0], "Present"), (members[1], "Present"), (members[2], "Apologies")]:
        page.get_by_role("group", name=str(member)).get_by_label(status).check()
    with navigation(page):
        page.get_by_role("button", name="Save the attendance").click()
    expect(success_banner(page)).to_contain_text("The attendance is recorded.")

    visit(page, reverse("meetings:attendance", args=[meeting.pk]))
    page.get_by_label("A substitute for a member of the board").check()
    field(page, "Who").select_option(label=str(substitute))
    field(page, "Substituting for").select_option(label=str(members[2]))
    with navigation(page):
        page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("main")).to_contain_text("Sue Stand-in (substitute for Cy Cedar)")

    visit(page, meeting.get_absolute_url())
    expect(page.get_by_role("main")).to_contain_text("3 members present")
    with navigation(page):
        page.get_by_role("link", name="Record declarations and the resolution on item 1").click()
    field(page, "Resolution").fill("That the outcomes be approved.")
    page.get_by_label("Unanimous").check()
    page.get_by_role("group", name="Approvals this resolution settles").get_by_role("checkbox").first.check()
    with navigation(page):
        page.get_by_role("button", name="Save the resolution").click()
    expect(success_banner(page)).to_contain_text("The resolution on item 1 is recorded.")
    expect(page.locator(f"#item-{item.pk}")).to_contain_text("That the outcomes be approved. (unanimous)")

    with navigation(page):
        page.get_by_role("button", name="Draft the minutes from the meeting's record").click()
    expect(page.locator("#minutes ~ .govuk-body").first).to_contain_text("Draft")

    visit(page, following.get_absolute_url())
    with navigation(page):
        page.get_by_role("button", name="Approve the minutes of").click()
    expect(success_banner(page)).to_contain_text("approved as a correct record (version 1)")
    version = MinutesVersion.objects.get(meeting=meeting)

    visit(page, approval.get_absolute_url())
    expect(page.get_by_role("main")).to_contain_text("item 1: Carers: the outcomes")

    # A member of the board reads the frozen minutes and the statistics; nothing to record for them.
    page.context.clear_cookies()
    sign_in(page, members[0], then=meeting.get_absolute_url())
    main = page.get_by_role("main")
    expect(main).to_contain_text("Approved as a correct record")
    expect(main).to_contain_text(version.sha256)
    expect(main).to_contain_text("Sue Stand-in (substitute for Cy Cedar)")
    expect(page.get_by_role("link", name="Record the attendance")).to_have_count(0)
    visit(page, reverse("meetings:attendance-statistics"))
    expect(page.get_by_role("row", name="Cy Cedar")).to_be_visible()
