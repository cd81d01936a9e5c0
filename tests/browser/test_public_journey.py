"""The public site (issue 17) in a browser, with no sign-in: a resident finds the council's meetings from the
sign-in page, opens a board and its published meeting, reads an item's report, sees the exempt item by title and
paragraph only, looks at the month's calendar, and subscribes by e-mail (a mistyped address first), confirming
through the link e-mailed. Every page is checked with axe-core."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from commissioning.models import Notification
from commissioning.workingdays import is_working_day
from meetings import services
from meetings.models import AgendaItemKind
from public.models import Subscription

from .. import factories
from .pages import field, navigation, success_banner, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _in_working_days(n: int) -> datetime:
    day, counted = timezone.localdate(), 0
    while counted < n:
        day += timedelta(days=1)
        counted += is_working_day(day)
    return timezone.make_aware(datetime.combine(day, time(14)))


def test_a_resident_browses_the_public_record_and_subscribes(page: Page, administrator, councillor):
    board = factories.board("Adults Scrutiny Committee", kind="scrutiny_committee", chair=councillor)
    meeting = factories.meeting(board=board, starts_at=_in_working_days(12), venue="Council Chamber")
    factories.agenda_item(meeting, AgendaItemKind.MINUTES, title="Minutes of the last meeting")
    factories.agenda_item(
        meeting, AgendaItemKind.DOCUMENT, title="The provider's costs", confidential=True, exemption="3"
    )
    services.publish_agenda(meeting=meeting, acting_user=administrator)

    visit(page, "/accounts/login/")
    with navigation(page):
        page.get_by_role("main").get_by_role("link", name="Council meetings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Council meetings")
    with navigation(page):
        page.get_by_role("link", name="Adults Scrutiny Committee", exact=True).click()
    expect(page.get_by_role("main")).to_contain_text(str(councillor))
    with navigation(page):
        page.locator(f'main a[href="/public/meetings/{meeting.pk}/"]').first.click()
    main = page.get_by_role("main")
    expect(main).to_contain_text("The provider's costs")
    expect(main).to_contain_text("Paragraph 3")
    expect(main.get_by_role("link", name="The provider's costs")).to_have_count(0)
    with navigation(page):
        main.get_by_role("link", name="Minutes of the last meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Minutes of the last meeting")
    with navigation(page):
        page.get_by_role("link", name="Calendar").click()
    with navigation(page):
        page.get_by_role("link", name="Show a month at a time").click()

    visit(page, f"/public/boards/{board.pk}/subscribe/")
    field(page, "Your e-mail address").fill("resident at example")
    with navigation(page):
        page.get_by_role("button", name="Subscribe").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("correct format")
    expect(field(page, "Your e-mail address")).to_have_value("resident at example")
    field(page, "Your e-mail address").fill("resident@example.org")
    with navigation(page):
        page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")

    link = re.search(r"(/public/subscriptions/confirm/\S+/)", Notification.objects.get().body)[1]
    visit(page, link)
    with navigation(page):
        page.get_by_role("button", name="Confirm").click()
    expect(success_banner(page)).to_contain_text("You are subscribed to Adults Scrutiny Committee")
    assert Subscription.objects.get().confirmed_at is not None
