"""Helpers for the browser journeys: every page visited is checked with axe-core (each shape once, `axe`)."""

import os
import re
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from ..factories import PASSWORD

AXE_PATH = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
_AXE_SOURCE = f"() => {{ {AXE_PATH.read_text()}\n}}"
# Where the live server listens (a cookie's domain is its host, whatever the port).
LIVE_SERVER_ADDRESS = os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    targets: v.nodes.slice(0, 4).map(n => n.target.join(' ')),
  }));
}"""


# A page's shape: each element with its attributes and whether it holds text, which elements overflow, and
# the viewport's width. Left out: the text itself, addresses, values and tokens - what differs between two
# visits to the same page in different states, and which the WCAG rules run here read only as present or
# empty (a control's text is kept as its length up to 3, for the target-size rule). Two visits with the same
# shape get the same axe results, so each shape is checked once per process.
_SHAPE = """() => {
  const data = /^(href|action|src|srcset|datetime|nonce|integrity|hx-.*|data-.*|value|content)$/;
  const control = /^(A|BUTTON|INPUT|SELECT|SUMMARY|TEXTAREA)$/;
  const parts = [window.innerWidth];
  for (const el of document.querySelectorAll('*')) {
    let part = el.tagName;
    for (const a of el.attributes) {
      const keep = !data.test(a.name) || (a.name === 'content' && el.getAttribute('name') === 'viewport');
      part += ' ' + a.name + (keep ? '=' + a.value : (a.value ? '+' : '-'));
    }
    const text = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    part += text ? ' T' : '';
    if (control.test(el.tagName) || el.getAttribute('role') === 'button') {
      part += ' L' + Math.min(el.textContent.trim().length, 3);
    }
    if (el.scrollWidth > el.clientWidth + 1) part += ' O';
    parts.push(part);
  }
  const all = parts.join('|');
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < all.length; i++) {
    const c = all.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761); h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return all.length + ':' + (h2 >>> 0).toString(16) + (h1 >>> 0).toString(16);
}"""
_checked_shapes: set[str] = set()
# The shapes checked in this run by any process (one line each), shared between the xdist workers: a page
# whose shape another worker's journey checked passes here too. Set by tests/browser/conftest.py.
shared_shapes_file: Path | None = None


def _checked_elsewhere(shape: str) -> bool:
    if shared_shapes_file is not None and shared_shapes_file.exists():
        _checked_shapes.update(shared_shapes_file.read_text().split())
    return shape in _checked_shapes


def _record_checked(shape: str) -> None:
    _checked_shapes.add(shape)
    if shared_shapes_file is not None:
        # One short append (O_APPEND) per shape: whole lines, whichever worker writes.
        with shared_shapes_file.open("a") as file:
            file.write(shape + "\n")


def axe(page: Page, context: str = ""):
    """Assert that the page, as it is now, has no WCAG 2.2 AA violations that axe-core can find (once per
    shape: a page whose shape passed before passes again)."""
    page.wait_for_load_state("load")
    shape = page.evaluate(_SHAPE)
    if shape in _checked_shapes or _checked_elsewhere(shape):
        return
    # axe-core is evaluated in the page on first use (through the DevTools protocol, as the checks are, not by
    # a <script> element: the app's CSP, script-src 'self', stays enforced and any violation is still caught).
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_AXE_SOURCE)
    violations = page.evaluate(_RUN_AXE, WCAG_TAGS)
    where = f"{page.url}{f' ({context})' if context else ''}"
    assert not violations, (
        f"axe found {len(violations)} accessibility violation(s) on {where}:\n"
        + "\n".join(
            f"- {v['id']} [{v['impact']}] {v['help']} ({v['count']} node(s)): {', '.join(v['targets'])}"
            for v in violations
        )
    )
    _record_checked(shape)


def visit(page: Page, path: str, *, status: int = 200):
    """Open a page by its address, check its status and its accessibility."""
    response = page.goto(path)
    assert response is not None and response.status == status, (
        f"GET {path}: expected {status}, got {response and response.status}"
    )
    axe(page)
    return response


@contextmanager
def navigation(page: Page):
    """Wrap an action that loads a new page (a link, a form): waits for the new document, then checks it."""
    page.evaluate("() => { window.__sameDocument = true; }")
    yield
    page.wait_for_function("() => window.__sameDocument === undefined")
    axe(page)


@contextmanager
def in_place(page: Page, context: str = ""):
    """Wrap an action that must update the page without loading a new one (htmx): checks it afterwards."""
    page.evaluate("() => { window.__marker = 1; }")
    yield
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.__marker") == 1, "the page was reloaded instead of updated in place"
    axe(page, context)


def sign_in(page: Page, user, then: str = "/"):
    """Signed in as `user` by the session cookie that signing in gives (made the same way, with the same
    signals), then on `then` (by default home, where the sign-in form leads), checked with axe. The form
    itself is used by `sign_in_through_the_form`, in the journeys that test signing in."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    host = LIVE_SERVER_ADDRESS.split(":")[0]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "domain": host, "path": "/"}]
    )
    visit(page, then)
    expect(sign_out_button(page)).to_be_visible()


def sign_in_through_the_form(page: Page, user, password: str = PASSWORD):
    visit(page, "/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    with navigation(page):
        page.get_by_role("button", name="Sign in", exact=True).click()
    expect(sign_out_button(page)).to_be_visible()


def sign_out_button(page: Page):
    """The header's "Sign out" (the session dialog has one too): there only when signed in."""
    return page.get_by_role("navigation", name="Your account").get_by_role(
        "button", name=re.compile(r"^Sign out")
    )


def date_group(scope, legend: str):
    """A GOV.UK date input: the group of its day, month and year boxes, by its legend."""
    return scope.get_by_role("group", name=re.compile(rf"^{re.escape(legend)}( \(optional\))?$"))


def fill_date(scope, legend: str, when) -> None:
    """Type a date into a GOV.UK date input, box by box, as a person does."""
    boxes = date_group(scope, legend)
    for part, value in (("Day", when.day), ("Month", when.month), ("Year", when.year)):
        boxes.get_by_label(part, exact=True).fill(str(value))


def expect_date(scope, legend: str, when) -> None:
    boxes = date_group(scope, legend)
    for part, value in (("Day", when.day), ("Month", when.month), ("Year", when.year)):
        expect(boxes.get_by_label(part, exact=True)).to_have_value(str(value))


def go_to(page: Page, group: str, link: str | None = None) -> None:
    """Follow the service navigation's `group`, then `link` in that group's sub-navigation."""
    with navigation(page):
        page.get_by_role("navigation", name="Menu").get_by_role("link", name=group, exact=True).click()
    if link:
        with navigation(page):
            page.get_by_role("navigation", name=group).get_by_role("link", name=link, exact=True).click()


def check_widths(page: Page, context: str = "") -> None:
    """The page at 320 and 1280 px wide (issue 23): no axe violations, exactly one current item in the
    header, and no sideways scrolling of the page itself (wide tables scroll in their own region)."""
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        axe(page, f"{context} at {width} px")
        assert header_current_items(page) == 1, f"{context} at {width} px"
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), (
            f"{context}: the page scrolls sideways at {width} px"
        )


def header_current_items(page: Page) -> int:
    """How many links in the header and the service navigation say they are current (issue 23: one)."""
    return page.locator("header [aria-current], .govuk-service-navigation [aria-current]").count()


def field(page: Page, label: str):
    """The form control labelled exactly `label`, with or without " (optional)" after it."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(optional\))?$"))


def success_banner(page: Page):
    return page.locator(".govuk-notification-banner--success")
