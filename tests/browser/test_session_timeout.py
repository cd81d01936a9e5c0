"""The session time-out warning (WCAG 2.2.1 Timing Adjustable): warned before, able to stay signed in,
and told why when signed out. Short time-outs, and no real waiting: time passes on both sides at once, the
page's by Playwright's clock and the server's (the authority, asked before any warning or signing out) by
moving the session's record of when it started and was last used back."""

import re
from datetime import timedelta

import django.conf
import pytest
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import Page, expect

from commissioning.middleware import LAST_SEEN, STARTED

from .pages import axe, navigation, sign_in, sign_out_button

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def time_passes(page: Page, seconds: float):
    """`seconds` go by without anyone touching the page: for the server, then for the page's timers."""
    (cookie,) = [c for c in page.context.cookies() if c["name"] == django.conf.settings.SESSION_COOKIE_NAME]
    session = SessionStore(session_key=cookie["value"])
    for key in (STARTED, LAST_SEEN):
        session[key] -= seconds
    session.save()
    page.clock.run_for(int(seconds * 1000))


def test_warned_before_the_session_ends_and_can_stay_signed_in(
    page: Page, settings, commissioner, own_strategy
):
    # The warning comes SESSION_WARNING_BEFORE (2 minutes) before the end: here 15 s after a page loads.
    settings.SESSION_IDLE_TIMEOUT = timedelta(seconds=135)
    page.clock.install()
    sign_in(page, commissioner)
    with navigation(page):
        page.get_by_role("link", name="Strategies", exact=True).click()

    dialog = page.locator("dialog[data-session-dialog]")
    time_passes(page, 10)
    expect(dialog).to_be_hidden()
    time_passes(page, 6)
    expect(dialog).to_be_visible()
    assert dialog.evaluate("d => d.open")
    expect(page.get_by_role("dialog", name="You will be signed out soon")).to_be_visible()
    expect(dialog).to_contain_text("we will sign you out in 2 minutes")
    stay = dialog.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    axe(page, "session warning open")

    stay.click()
    expect(dialog).to_be_hidden()
    assert not dialog.evaluate("d => d.open")
    with navigation(page):
        page.get_by_role("link", name=own_strategy.title).click()
    expect(page).to_have_url(re.compile(rf"/strategies/{own_strategy.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(own_strategy.title)
    expect(sign_out_button(page)).to_be_visible()


def test_signed_out_when_the_session_ends(page: Page, settings, commissioner):
    settings.SESSION_IDLE_TIMEOUT = timedelta(seconds=3)
    settings.SESSION_WARNING_BEFORE = timedelta(seconds=2)
    page.clock.install()
    sign_in(page, commissioner)

    # The page takes itself to the sign-in page when the session ends, without anyone touching it.
    time_passes(page, 4)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.wait_for_load_state("load")
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text("You were signed out")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Sign in to "))
    expect(sign_out_button(page)).to_have_count(0)
    axe(page, "signed out")
