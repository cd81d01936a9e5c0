"""Packs a screen reader can read (meetings/pdf_tags.py): each kind of agenda item's part and a whole pack
checked by the open PDF/UA checker (`pdfua`), every chart's /Alt its words on the page, every table header
scoped, headings and bookmarks in step, and the title shown."""

import io
import re
from html import unescape

import pikepdf
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfReader

from commissioning import roles
from meetings import items, pack_content, packs, pdf_tags
from meetings.models import AgendaItemKind as Kind

from .. import factories
from ..matrix import shared_world_fixture
from .test_pack_content import full_strategy
from .test_packs import appendix


def _world():
    factories.criteria()
    commissioner = factories.user(roles.COMMISSIONER, username="a11y-commissioner")
    return {"strategy": full_strategy(commissioner), "board": factories.board()}


shared_world = shared_world_fixture(_world)


@pytest.fixture
def world(db, shared_world):
    return shared_world


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def meeting_of(world, kinds):
    meeting = factories.meeting(board=world["board"])
    for kind in kinds:
        if kind == Kind.DOCUMENT:
            factories.agenda_item(
                meeting, kind, title="Healthwatch report", document_pages=2,
                document=ContentFile(appendix("Healthwatch findings", 2), name="healthwatch.pdf"),
            )  # fmt: skip
        else:
            strategy = world["strategy"] if kind in items.NEEDS_STRATEGY else None
            factories.agenda_item(meeting, kind, strategy=strategy)
    return meeting


@pytest.fixture(scope="module")
def pack_of():
    """`pack_of(world, kinds)`: the public pack of a meeting of those kinds of item, built once a module: the
    tests that only read a pack of the same kinds share it."""
    built = {}

    def pack_of(world, kinds):
        if tuple(kinds) not in built:
            built[tuple(kinds)] = packs.build_file(meeting_of(world, kinds))
        return built[tuple(kinds)]

    return pack_of


def structure(pdf: bytes):
    """Every structure element of a PDF, in order, as (role, element)."""
    document = pikepdf.open(io.BytesIO(pdf))

    def walk(node):
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                yield str(kid.S), kid
                yield from walk(kid)

    return list(walk(document.Root.StructTreeRoot)), document


def assert_readable(pdf: bytes):
    summary = pdf_tags.check(pdf)
    assert summary["not_run"] == {}, "every rule of the checker ran"
    assert summary["errors"] == 0, summary["findings"]
    assert summary["by_rule"].get("UA-15-003", 0) == 0, summary["findings"]
    return summary


@pytest.mark.parametrize("kind", list(Kind))
def test_each_kind_of_item_passes_the_open_checker(world, kind, pack_of):
    assert_readable(pack_of(world, [kind]))


def test_a_whole_pack_passes_and_says_what_a_screen_reader_needs(world):
    meeting = meeting_of(world, list(Kind))
    pdf = packs.build_file(meeting)
    summary = assert_readable(pdf)
    assert summary["checker"] == "pdfua" and summary["warnings"] == 0, summary["findings"]
    elements, document = structure(pdf)

    # Every header cell scoped: the columns' in the head, the rows' beside their data.
    headers = [e for role, e in elements if role == "/TH"]
    assert headers
    scopes = {str(a.Scope) for e in headers for a in pdf_tags._attributes(e) if "/Scope" in a}
    assert scopes == {"/Column", "/Row"}
    assert all(any("/Scope" in a for a in pdf_tags._attributes(e)) for e in headers)

    # Every figure described, with the words its chart has on the page.
    html = packs.html_of(
        packs.prepare(
            meeting, packs.agenda(meeting), "public", pack_content.gather(meeting, packs.agenda(meeting))
        )
    )
    labels = [unescape(t) for t in re.findall(r"<svg\b[^>]*aria-label=\"([^\"]+)\"", html)]
    labels += [unescape(t) for t in re.findall(r"<title[^>]*>([^<]+)</title>", html)[1:]]  # [0]: the page's
    figures = [str(e.Alt) for role, e in elements if role == "/Figure"]
    assert figures and all(figures), "every /Figure has /Alt"
    assert set(figures) <= set(labels), (figures, labels)

    # One H1 per item (and the cover, agenda and contents), no level skipped, bookmarks from the same headings.
    levels = [int(role[2]) for role, _ in elements if re.fullmatch(r"/H[1-6]", role)]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    h1s = [e for role, e in elements if role == "/H1"]
    assert len(h1s) == 3 + meeting.items.filter(confidential=False).count()
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.outline) >= len(h1s)  # the top level of the bookmarks: one per H1
    assert bool(document.Root.ViewerPreferences.DisplayDocTitle)
    assert (
        str(document.docinfo.Title) == reader.metadata.title and meeting.board.name in reader.metadata.title
    )


def test_the_checker_finds_an_empty_heading(world, pack_of):
    """pdfua's own empty-heading rule could not run on our headings (their /K is an array, which it asked
    for `is_integer`): the checker's mended rule runs and finds a heading emptied of its text."""
    pdf = pack_of(world, [Kind.STRATEGY])
    assert pdf_tags.check(pdf)["by_rule"].get("UA-14-001", 0) == 0
    elements, document = structure(pdf)
    heading = next(e for role, e in elements if role == "/H1")
    heading.K = pikepdf.Array()
    emptied = io.BytesIO()
    document.save(emptied)
    summary = pdf_tags.check(emptied.getvalue())
    assert summary["not_run"] == {} and summary["by_rule"].get("UA-14-001") == 1, summary


def test_the_checker_reads_the_same_elements_as_pdfua_does_each_once(world, tmp_path):
    from pdfua.document import PdfDocument

    path = tmp_path / "pack.pdf"
    path.write_bytes(packs.build_file(meeting_of(world, [Kind.STRATEGY, Kind.PLAN])))
    with PdfDocument.open(str(path)) as theirs, pdf_tags._Checked.document().open(str(path)) as ours:
        seen = [(e.role, e.page, e.obj.objgen, len(e.children)) for e in theirs.struct_elements]
        assert len(seen) > 100
        assert [(e.role, e.page, e.obj.objgen, len(e.children)) for e in ours.struct_elements] == seen


def test_an_appendix_is_drawn_as_an_artifact_not_as_untagged_content(world, pack_of):
    pdf = pack_of(world, [Kind.DOCUMENT])
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Healthwatch findings, page 2" in text  # drawn, and still there to read
    assert pdf_tags.check(pdf)["by_rule"].get("UA-01-003", 0) == 0


def test_an_svg_named_by_aria_label_gets_it_as_its_title():
    markup = '<p>x</p><svg role="img" aria-label="Trend: 70%, 80%; target 90%" width="4"><line/></svg>'
    assert pdf_tags.describe_figures(markup) == (
        '<p>x</p><svg role="img" aria-label="Trend: 70%, 80%; target 90%" width="4">'
        "<title>Trend: 70%, 80%; target 90%</title><line/></svg>"
    )
    titled = '<svg aria-label="A"><title>A</title></svg>'
    hidden = '<svg aria-hidden="true" aria-label="A"></svg>'
    assert pdf_tags.describe_figures(titled) == titled
    marker = f"<title>{pdf_tags.DECORATIVE}</title>"  # decorative: made an artifact by finish()
    assert pdf_tags.describe_figures(hidden) == hidden.replace("></svg>", f">{marker}</svg>")
    assert (
        pdf_tags.describe_figures('<img src="a.png" alt="">')
        == f'<img src="a.png" alt="{pdf_tags.DECORATIVE}">'
    )


def test_tagged_and_untagged_uploads_are_told_apart():
    from weasyprint import HTML

    assert pdf_tags.is_tagged(HTML(string="<html lang=en><p>x</p></html>").write_pdf(pdf_variant="pdf/ua-1"))
    assert not pdf_tags.is_tagged(appendix("Plain", 1))
    assert not pdf_tags.is_tagged(b"not a pdf")


# Appendices accounted for ---------------------------------------------------------------------------------


def tagged_pdf(title: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<html lang='en'><title>{title}</title><p>{title}</p></html>").write_pdf(
        pdf_variant="pdf/ua-1"
    )


def upload(content: bytes, name="appendix.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_an_untagged_upload_is_flagged_to_the_uploader_and_marked_in_the_agenda(client, administrator):
    from django.urls import reverse

    from meetings import services

    meeting = services.create_meeting(
        board=factories.board(), starts_at=timezone.now(), venue="Council Chamber",
        acting_user=administrator,
    )  # fmt: skip
    client.force_login(administrator)
    post = {"seen_version": 1, "kind": Kind.DOCUMENT, "strategy": "", "exemption": ""}
    response = client.post(
        reverse("meetings:item-add", args=[meeting.pk]),
        {**post, "title": "Provider's costs", "document": upload(appendix("Costs", 1))},
        follow=True,
    )
    page = response.content.decode()
    assert "the PDF is not tagged, so a screen reader may not be able to read it" in page
    assert "Not tagged" in page and "may not be accessible" in page
    client.post(
        reverse("meetings:item-add", args=[meeting.pk]),
        {**post, "title": "Healthwatch report", "document": upload(tagged_pdf("Healthwatch"))},
    )
    assert dict(meeting.items.values_list("title", "document_tagged")) == {
        "Provider's costs": False,
        "Healthwatch report": True,
    }
    assert "the PDF is not tagged" not in client.get(meeting.get_absolute_url()).content.decode()

    # A tagged upload in place of the untagged one: the item is no longer marked.
    item = meeting.items.get(title="Provider's costs")
    services.save_item(
        item=item, seen_version=item.version, changes={"document": upload(tagged_pdf("Costs"))},
        acting_user=administrator,
    )  # fmt: skip
    item.refresh_from_db()
    assert item.document_tagged is True


def test_the_pack_says_so_and_its_version_keeps_the_checkers_summary(
    client, administrator, scrutiny, settings
):
    from meetings import services
    from meetings.models import Pack, PackBuild

    settings.ACCESSIBILITY_CONTACT_EMAIL = "access@demo.example.gov.uk"
    board = factories.board(members=[scrutiny])
    meeting = services.create_meeting(
        board=board, starts_at=timezone.now(), venue="Council Chamber", acting_user=administrator
    )
    for title, content in [("Provider's costs", appendix("Costs", 1)), ("Healthwatch", tagged_pdf("H"))]:
        services.add_item(
            meeting=meeting,
            kind=Kind.DOCUMENT,
            title=title,
            document=upload(content),
            acting_user=administrator,
        )
    build = PackBuild.objects.create(meeting=meeting, requested_by=scrutiny)
    packs.run(build.pk)
    pack = Pack.objects.get(meeting=meeting)
    summary = pack.accessibility
    assert summary["checker"] == "pdfua" and summary["errors"] == 0 and summary["checked_at"]
    assert summary["untagged_appendices"] == [{"position": 1, "title": "Provider's costs"}]

    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pack.file.read())).pages).split())
    assert "This document may not be accessible: ask for another format (access@demo.example.gov.uk)" in text
    assert (
        text.count("may not be accessible") == 2
    )  # the agenda's line and the item's page: not Healthwatch's

    client.force_login(scrutiny)
    page = " ".join(client.get(meeting.get_absolute_url()).content.decode().split())
    assert "Checked (PDF/UA): 0 errors, 0 warnings" in page
    assert (
        "1 untagged appendix</strong>" in page and "1. Provider&#x27;s costs: may not be accessible" in page
    )


def test_a_decorative_image_is_an_artifact_not_a_figure():
    html = """<html lang="en-GB"><head><title>Pack</title></head><body><h1>Pack</h1>
    <svg aria-hidden="true" width="20" height="20" xmlns="http://www.w3.org/2000/svg"><rect width="20" height="20"/></svg>
    <svg role="img" aria-label="Trend: rising" width="20" height="20" xmlns="http://www.w3.org/2000/svg"><rect width="20" height="20"/></svg>
    </body></html>"""
    pdf, _pages = packs.render_pdf(html)
    elements, document = structure(pdf)
    assert [str(e.Alt) for role, e in elements if role == "/Figure"] == ["Trend: rising"]
    assert b"/Artifact BMC" in document.pages[0].Contents.read_bytes()
    nums = document.Root.StructTreeRoot.ParentTree.Nums
    parents = [p for n in range(1, len(nums), 2) for p in nums[n] if isinstance(p, pikepdf.Dictionary)]
    assert [str(p.get("/Alt")) for p in parents if p.get("/S") == "/Figure"] == ["Trend: rising"]
    summary = pdf_tags.check(pdf)
    assert summary["errors"] == summary["warnings"] == 0, summary["findings"]


def test_a_packs_summary_is_every_rule_run_on_the_whole_pack(world, administrator, monkeypatch):
    """A pack is checked part by part where each is laid out (every rule but those about the document as a
    whole), and as a whole only by those: the summary it keeps is what every rule finds on the whole pack.
    Here WeasyPrint's output is left as it is (no scope on table headers): its findings must come through at
    their pages in the pack."""
    from meetings.models import Pack, PackBuild

    monkeypatch.setattr(pdf_tags, "finish", lambda pdf: pdf)
    meeting = meeting_of(world, [Kind.STRATEGY, Kind.PLAN, Kind.HIGHLIGHT, Kind.GATEWAY])
    packs.run(PackBuild.objects.create(meeting=meeting, requested_by=administrator).pk)
    pack = Pack.objects.get(meeting=meeting)
    kept, whole = pack.accessibility, pdf_tags.check(pack.file.read())
    assert whole["by_rule"].get("UA-15-003", 0) > 1, "findings in more than one item"
    assert whole["not_run"] == kept["not_run"] == {}
    assert (kept["errors"], kept["warnings"], kept["by_rule"]) == (
        whole["errors"], whole["warnings"], whole["by_rule"]
    )  # fmt: skip
    pages = sorted((f["rule"], f["page"]) for f in whole["findings"])
    assert sorted((f["rule"], f["page"]) for f in kept["findings"]) == pages
    assert pack.pages > max(page for _rule, page in pages) > 3, "the items' pages, after the front"


def test_plain_spans_give_their_marked_content_to_their_parents(world):
    """WeasyPrint's plain /Span (one per run of text, nothing of its own) is folded into its parent: none is
    left, and every marked-content id on every page is still reached, by the element the parent tree names."""
    meeting = meeting_of(world, [Kind.STRATEGY, Kind.PLAN])
    items = packs.agenda(meeting)
    entry = packs.prepare(meeting, items, "public", pack_content.gather(meeting, items)).entries[1]
    raw, _pages = packs.render_pdf(entry.html, finish=False)
    before, _ = structure(raw)
    plain = [e for role, e in before if role == "/Span" and set(e.keys()) == pdf_tags._PLAIN_SPAN]
    assert len(plain) > len(before) / 4

    elements, document = structure(pdf_tags.finish(raw))
    assert not [e for role, e in elements if role == "/Span" and set(e.keys()) == pdf_tags._PLAIN_SPAN]
    assert len(elements) == len(before) - len(plain)
    marked = dict(pdf_tags.number_tree(document.Root.StructTreeRoot.ParentTree))
    reached = 0
    for page in document.pages:
        for mcid, element in enumerate(marked[int(page.StructParents)]):
            kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
            assert mcid in [k for k in kids if isinstance(k, int)] or any(
                isinstance(k, pikepdf.Dictionary) and k.get("/MCID") == mcid for k in kids
            ), (mcid, element.S)
            assert element.Pg.objgen == page.obj.objgen
            reached += 1
    folded = sum(1 for span in plain for kid in span.K if isinstance(kid, int))
    assert reached >= folded > 100, "the folded spans' content among them"
