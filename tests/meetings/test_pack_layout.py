"""The layout of one built pack, read by several tests: the contents and agenda give the real pages, each
item is its report, the appendix is merged and counted, bookmarks, tags and language, and the confidential
split. The meeting and both its packs are made once for the module (laying them out takes seconds), in a
transaction rolled back at its end; each test runs in a savepoint inside it."""

import re
import tempfile

import pytest
from django.test import override_settings

from commissioning import roles
from meetings import packs
from meetings.models import PackPart

from .. import factories, matrix
from .test_packs import outline_titles, read, scrutiny_meeting, texts, top

pytestmark = pytest.mark.django_db


def _build() -> dict:
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        meeting = scrutiny_meeting(
            factories.user(roles.ADMINISTRATOR, username="admin"),
            factories.user(roles.COMMISSIONER, username="commissioner"),
            factories.user(roles.COMMISSIONER, username="commissioner2"),
        )
        return {
            "meeting": meeting,
            "public": read(packs.build_file(meeting, PackPart.PUBLIC)),
            "confidential": read(packs.build_file(meeting, PackPart.CONFIDENTIAL)),
        }


shared_world = matrix.shared_world_fixture(_build)


@pytest.fixture
def meeting(db, shared_world):
    return shared_world["meeting"]


@pytest.fixture
def public(db, shared_world):
    return shared_world["public"]


@pytest.fixture
def confidential(db, shared_world):
    return shared_world["confidential"]


def test_the_contents_and_agenda_give_the_real_pages(meeting, public):
    reader = public
    pages = texts(reader)
    contents = next(t for t in pages if t.lstrip().startswith("Contents"))
    claimed = dict(re.findall(r"^(\d+\. .+?) ?\.{3,} ?(\d+)$", contents, re.MULTILINE))
    items = list(meeting.items.filter(confidential=False).order_by("position"))
    assert len(claimed) == len(items), contents
    for item in items:
        heading = f"{item.position}. {item.title}"
        page = int(claimed[heading])
        assert heading in top(pages[page - 1]), (heading, page, top(pages[page - 1]))
        assert heading not in top(pages[page - 2]), "it starts on that page, not before"

    # The agenda gives each item's first and last page; together they cover the pack without gaps.
    agenda = next(t for t in pages if "Agenda" in top(t))
    ranges = [tuple(map(int, r)) for r in re.findall(r"(\d+)–(\d+)", agenda)]
    assert len(ranges) == len(items)
    for (first, last), following in zip(ranges, ranges[1:], strict=False):
        assert first <= last < following[0]
    assert ranges[-1][1] == len(pages)
    assert all(f"of {len(pages)}" in t for t in pages), "every page has its 'Page X of Y' footer"
    for n, text in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in text


def test_each_item_is_its_report_drawn_from_live_data(meeting, public):
    text = " ".join(" ".join(texts(public)).split())
    older = meeting.items.get(title="Older people: proposed outcomes").strategy
    for outcome in older.outcomes.all():
        assert outcome.title in text
    assert older.reference in text and "NOTED-PREVIOUS-MINUTES" in text


def test_appendix_pages_are_merged_at_their_item_and_counted(meeting, public):
    reader = public
    pages = texts(reader)
    where = [n for n, t in enumerate(pages, start=1) if "Healthwatch findings, page" in t]
    assert len(where) == 3 and where == list(range(where[0], where[0] + 3))
    assert "Healthwatch report" in pages[where[0] - 2]  # the item's own page comes just before
    assert all(f"Page {n} of {len(pages)}" in pages[n - 1] for n in where)  # our footer on their pages


def test_the_agenda_range_of_an_appendix_ends_on_its_last_page(meeting, public):
    """A 3-page appendix: the agenda's range runs from the item's own page to the appendix's third page,
    not to its first (issue 15)."""
    pages = texts(public)
    where = [n for n, t in enumerate(pages, start=1) if "Healthwatch findings, page" in t]
    agenda = next(t for t in pages if "Agenda" in top(t))
    ranges = [tuple(map(int, r)) for r in re.findall(r"(\d+)–(\d+)", agenda)]
    first, last = ranges[2]  # the report is the agenda's third item
    assert (first, last) == (where[0] - 1, where[-1]) and last - first == 3


def test_bookmarks_tags_and_language(meeting, public):
    reader = public
    titles = outline_titles(reader)
    assert {"Agenda", "Contents"} <= set(titles)
    for item in meeting.items.filter(confidential=False):
        assert f"{item.position}. {item.title}" in titles
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, "a tagged PDF"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert "Adults and Community Wellbeing Scrutiny Committee" in reader.metadata.title
    assert "pdfuaid" in reader.xmp_metadata.stream.get_data().decode(), "declared PDF/UA-1"


def test_exempt_items_are_only_in_the_confidential_pack(public, confidential):
    public = texts(public)
    confidential = texts(confidential)
    joined = "\n".join(public)
    assert "Carers: the provider's costs" in joined  # named on the public agenda...
    assert "Exempt from publication" in joined and "Paragraph 3" in joined  # ...with the reason...
    assert "5. Carers: the provider's costs" not in joined  # ...but its report is not there
    secret = "\n".join(confidential)
    assert "5. Carers: the provider's costs" in secret and "Not for publication" in secret
    assert "Older people: proposed outcomes" not in secret


def test_every_element_id_is_unique_and_found_through_the_id_tree(public):
    """Table headers point at their cells' IDs (/Headers), which a screen reader follows through the ID tree:
    every element with an /ID is named there, once, under its own ID, in order, and no two parts share one."""
    root = public.trailer["/Root"]["/StructTreeRoot"]
    found, stack = {}, [root["/K"]]
    while stack:
        node = stack.pop()
        if isinstance(node, list) or type(node).__name__ == "ArrayObject":
            stack.extend(node)
            continue
        reference = getattr(node, "indirect_reference", None)
        node = node.get_object() if hasattr(node, "get_object") else node
        if not hasattr(node, "get") or "/S" not in node:
            continue  # a marked-content id or reference
        if "/ID" in node:
            key = bytes(node["/ID"].original_bytes if hasattr(node["/ID"], "original_bytes") else node["/ID"])
            assert key not in found, f"two elements share the ID {key!r}"
            found[key] = reference.idnum if reference else None
        if "/K" in node:
            stack.append(node["/K"])
    assert len(found) > 20, "the items' tables give their cells IDs"
    names = root["/IDTree"]["/Names"]
    tree = {
        bytes(names[i].original_bytes if hasattr(names[i], "original_bytes") else names[i]): names[
            i + 1
        ].idnum
        for i in range(0, len(names), 2)
    }
    keys = [
        bytes(names[i].original_bytes if hasattr(names[i], "original_bytes") else names[i])
        for i in range(0, len(names), 2)
    ]
    assert keys == sorted(keys) and len(keys) == len(tree)
    assert tree == found
