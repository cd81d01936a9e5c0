"""The demo council's pages read well (issue 15): every page reachable from the home page, for each demo
role, is crawled over same-site links, and none shows a unit glued to a number ('1150number'), a doubled
'(optional)', a doubled full stop, '(s)' plurals, a zero-padded day ('05 December') or 'p.m.'. The council is
seeded once for the module; each URL shape is sampled a few times per role to keep the crawl short."""

import html
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.django_db, pytest.mark.demo_council]

ROLES = ["commissioner", "councillor", "scrutiny", "gateway", "admin"]
SAMPLES_PER_SHAPE = 1
SKIP = (
    "/accounts/logout",
    "/django-admin/",
    "/api/",
    "/static/",
    "/media",
    "/session/",
    "/healthz",
    "/open-data/",
)
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
GLITCHES = {
    "a unit glued to a number": re.compile(r"\d(?:number|numbers|percent|pounds|days)\b"),
    "'(optional)' twice": re.compile(r"\(optional\)\s*\(optional\)"),
    "a doubled full stop": re.compile(r"(?<!\.)\.\.(?!\.)"),  # not an ellipsis
    "an '(s)' plural": re.compile(r"\w\(s\)"),
    "a zero-padded day": re.compile(rf"\b0\d (?:{MONTHS})\b"),
    "'a.m.' or 'p.m.'": re.compile(r"\b[ap]\.m\."),
}
TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)
LINKS = re.compile(r'href="(/[^"]*)"')


def shape(path: str) -> str:
    """/strategies/12/plans/3/ → /strategies/N/plans/N/: pages of one URL pattern."""
    return re.sub(r"\d+", "N", path)


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(TAGS.sub(" ", page)))


def crawl(client):
    """[(path, visible text)] of the HTML pages reachable from the home page."""
    seen, per_shape, pages = {"/"}, {}, []  # the home page, linked from every page, is read once
    queue = deque(["/"])
    while queue:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = response.content.decode()
        pages.append((path, text_of(page)))
        for link in LINKS.findall(page):
            link = urldefrag(html.unescape(link))[0]
            parts = urlsplit(link)
            if link in seen or link.startswith(SKIP) or parts.path.endswith((".pdf", ".csv", ".zip")):
                continue
            seen.add(link)
            key = shape(parts.path) + ("?" if parts.query else "")
            if per_shape.get(key, 0) >= SAMPLES_PER_SHAPE:
                continue
            per_shape[key] = per_shape.get(key, 0) + 1
            queue.append(link)
    return pages


@pytest.mark.parametrize("username", ROLES)
def test_demo_pages_have_no_text_glitches(demo_council, client, username):
    client.force_login(get_user_model().objects.get(username=username))
    pages = crawl(client)
    assert len(pages) > 20, [p for p, _ in pages]
    found = []
    for path, text in pages:
        for what, pattern in GLITCHES.items():
            for match in pattern.finditer(text):
                context = text[max(match.start() - 40, 0) : match.end() + 40]
                found.append(f"{path}: {what}: …{context}…")
    assert not found, "\n".join(sorted(set(found))[:60])


@pytest.mark.parametrize(
    ("text", "glitch"),
    [
        ("1150number", True),
        ("70.20number", True),
        ("Note (optional) (optional)", True),
        ("at 12.29 p.m..", True),
        ("1 councillor(s)", True),
        ("05 December 2026", True),
        ("It is recorded..", True),
        ("5 December 2026 at 12:29pm. Next…", False),
        ("65.8% of 1,150 people in 12 days", False),
        ("Wait... then", False),
    ],
)
def test_the_glitch_patterns(text, glitch):
    assert any(p.search(text) for p in GLITCHES.values()) is glitch
