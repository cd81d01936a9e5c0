"""Packs assembled from agenda items laid out alone and kept in a cache: read back with pikepdf (true page
numbers, every bookmark, one structure tree covering every page), checked by the open PDF/UA checker, and
built again only where something changed."""

import io
import re

import pikepdf
import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from pypdf import PdfReader

from commissioning import roles
from commissioning.celery import app
from meetings import pack_content, packs, pdf_tags, services, tasks
from meetings.models import FrontPdf, ItemPdf, Pack, PackBuild, PackPart
from strategies.models import Strategy

from .. import factories
from . import test_packs

# The scrutiny meeting of test_packs (minutes, two strategies, a partner's PDF, an exempt item), and its small
# meeting (three light items) for the tests of a build's lifecycle, whose assertions do not depend on them.
media, meeting, small_meeting = test_packs.media, test_packs.meeting, test_packs.small_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def public_pack(django_db_setup, django_db_blocker, tmp_path_factory):
    """The scrutiny meeting's public pack (PDF, pages), built once for the tests that only read it: in a
    transaction rolled back at once, its files in a folder of its own."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with django_db_blocker.unblock(), media, transaction.atomic():
        people = [
            factories.user(role, username=f"pack-{role}-{n}")
            for n, role in enumerate([roles.ADMINISTRATOR, roles.COMMISSIONER, roles.COMMISSIONER])
        ]
        built = packs.build_file(test_packs.scrutiny_meeting(*people), PackPart.PUBLIC, with_pages=True)
        transaction.set_rollback(True)
    return built


def texts(pdf: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def structure(pdf: bytes):
    """The pages and the set of pages the structure tree's elements are on, and every element's type."""
    document = pikepdf.open(io.BytesIO(pdf))
    tree = document.Root.StructTreeRoot
    pages, kinds = set(), []

    def walk(element):
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                kinds.append(str(kid.S))
                if "/Pg" in kid:
                    pages.add(kid.Pg.objgen)
                walk(kid)

    walk(tree)
    return document, pages, kinds


def test_the_assembled_pack_keeps_true_pages_bookmarks_and_one_structure_tree(public_pack):
    pdf, pages = public_pack
    document, tagged_pages, kinds = structure(pdf)
    assert len(document.pages) == pages
    every = [page.obj.objgen for page in document.pages]
    assert set(every) <= tagged_pages, "every page's content is in the one structure tree"
    assert kinds.count("/Document") == 1 and "/Part" in kinds
    keys = [int(document.pages[n].obj.StructParents) for n in range(len(document.pages))]
    assert len(set(keys)) == len(keys), "each page its own parent tree entry"
    nums = document.Root.StructTreeRoot.ParentTree.Nums
    assert {int(nums[n]) for n in range(0, len(nums), 2)} >= set(keys)
    assert str(document.Root.Lang) == "en-GB"
    assert document.Root.ViewerPreferences.DisplayDocTitle
    assert "Agenda pack" in str(document.docinfo.Title)

    text = texts(pdf)
    for n, page_text in enumerate(text, start=1):
        assert f"Page {n} of {pages}" in page_text
    # The agenda gives each item's true range, and each item starts there with its heading.
    agenda = next(t for t in text if t.startswith("Agenda") or " Agenda " in t[:80])
    for position, title in [(1, "Minutes of the last meeting"), (2, "Older people: proposed outcomes")]:
        first, last = map(int, re.search(re.escape(title) + r".*?(\d+)–(\d+)", agenda).groups())
        assert f"{position}. {title}" in text[first - 1]
        assert last >= first
    with document.open_outline() as outline:
        titles = [entry.title for entry in outline.root]
        item_titles = [t for t in titles if re.match(r"\d+\. ", t)]
        assert item_titles == [
            "1. Minutes of the last meeting",
            "2. Older people: proposed outcomes",
            "3. Healthwatch report",
            "4. Carers: proposed outcomes",
        ]
        assert "Agenda" in titles and "Contents" in titles
        assert any(entry.children for entry in outline.root), "the items' own headings kept under them"
    report = pdf_tags.check(pdf)
    assert report["errors"] == 0, report["findings"]
    assert report["by_rule"].get("UA-15-003", 0) == 0


def test_the_agendas_links_go_to_each_items_first_page(public_pack):
    pdf, _pages = public_pack
    document = pikepdf.open(io.BytesIO(pdf))
    pages = {page.obj.objgen: n for n, page in enumerate(document.pages, start=1)}
    targets = [
        pages[annotation.Dest[0].objgen]
        for page in document.pages[:4]
        for annotation in page.obj.get("/Annots", [])
        if "/Dest" in annotation
    ]
    text = texts(pdf)
    items = [t for t in targets if t != 2]  # the contents' link to the agenda (page 2) aside
    assert len(set(items)) == 4 and all(re.search(r"\b\d+\. \w", text[t - 1]) for t in items), items


def test_a_meeting_unchanged_since_its_newest_packs_gets_no_new_version(small_meeting, administrator, client):
    build = services.request_build(meeting=small_meeting, acting_user=administrator)
    assert packs.run(build.pk).startswith("built")
    assert Pack.objects.filter(meeting=small_meeting).count() == 2  # the public and the confidential pack
    stored = Pack.objects.get(meeting=small_meeting, part=PackPart.PUBLIC)

    # The service, and so the page, answers at once: no build, the newest versions stand.
    assert services.request_build(meeting=small_meeting, acting_user=administrator) is None
    client.force_login(administrator)
    response = client.post(
        reverse("meetings:build-packs", args=[small_meeting.pk]), headers={"HX-Request": "true"}
    )
    assert "no new version" in response.content.decode()
    assert small_meeting.builds.count() == 1
    # A build that runs anyway stores nothing, and says so.
    forced = PackBuild.objects.create(meeting=small_meeting, requested_by=administrator)
    assert packs.run(forced.pk) == "unchanged"
    forced.refresh_from_db()
    assert forced.status == PackBuild.Status.DONE and "no new version" in forced.step
    assert Pack.objects.filter(meeting=small_meeting).count() == 2
    # build_pack (build_file) hands back the stored version.
    with stored.file.open("rb") as f:
        assert packs.build_file(small_meeting) == f.read()


def test_only_the_item_that_changed_is_laid_out_again(meeting, administrator, monkeypatch):
    packs.run(services.request_build(meeting=meeting, acting_user=administrator).pk)
    cached = ItemPdf.objects.count()
    assert cached == 5  # every item, the exempt one too
    laid_out = []
    real = packs.render_pdf
    monkeypatch.setattr(
        packs, "render_pdf", lambda html, *a, **k: laid_out.append(html) or real(html, *a, **k)
    )
    older = meeting.items.get(position=2).strategy
    Strategy.objects.filter(pk=older.pk).update(title="Older people live well at home")

    build = services.request_build(meeting=meeting, acting_user=administrator)
    assert packs.run(build.pk).startswith("built")
    items = [html for html in laid_out if 'class="item-alone"' in html]
    assert len(items) == 1 and "Older people live well at home" in items[0]
    assert len(laid_out) == 1, "the front reads the same (no page moved): kept, not laid out again"
    assert ItemPdf.objects.count() == cached + 1
    build.refresh_from_db()
    assert (build.items_to_render, build.items_rendered, build.progress) == (1, 1, 100)
    # Only the public pack changed: the confidential one keeps its version.
    versions = dict(Pack.objects.filter(meeting=meeting, build=build).values_list("part", "version"))
    assert versions == {PackPart.PUBLIC: 2}
    public = Pack.objects.get(build=build)
    assert [e["item"] for e in public.items] == list(
        meeting.items.filter(confidential=False).order_by("position").values_list("pk", flat=True)
    )


def test_changed_items_are_laid_out_as_parallel_subtasks_then_assembled(meeting, administrator, monkeypatch):
    """The Celery job hands the changed items to a chord (run eagerly here; through a worker in
    test_pack_worker): each subtask moves the progress on by one item, the callback stores the packs."""
    monkeypatch.setitem(app.conf, "task_always_eager", True)
    moved = []
    real = packs.render_item_of_build
    monkeypatch.setattr(
        packs,
        "render_item_of_build",
        lambda *a: moved.append(PackBuild.objects.get(pk=a[0]).progress) or real(*a),
    )
    reported = []
    progress = packs._progress
    monkeypatch.setattr(packs, "_progress", lambda pk, lease, percent, step: reported.append(percent) or progress(pk, lease, percent, step))  # fmt: skip
    handed = []
    fan_out = tasks._fan_out
    monkeypatch.setattr(tasks, "_fan_out", lambda pk, lease, entries, plan, queue: handed.extend(entries) or fan_out(pk, lease, entries, plan, queue))  # fmt: skip
    gathered = []
    gather = pack_content.gather
    monkeypatch.setattr(pack_content, "gather", lambda *a: gathered.append(a) or gather(*a))
    build = services.request_build(meeting=meeting, acting_user=administrator)
    assert tasks.build_packs.run(build.pk) == "laying out 5 items in parallel"
    assert len(gathered) == 1, "the callback assembles the run's plan: the reports are gathered once a build"
    lengths = [len(entry.html) for entry in handed]
    assert lengths == sorted(lengths, reverse=True) and lengths[0] > lengths[-1], "the longest laid out first"
    build.refresh_from_db()
    assert build.status == PackBuild.Status.DONE and (build.items_to_render, build.items_rendered) == (5, 5)
    assert moved == sorted(moved) and len(set(moved)) == 5, "the bar moves per item"
    # The callback carries on from the items laid out: its bar never goes back (it once re-read the agenda
    # "at 3%" after the items had taken it to 85%).
    assert reported == sorted(reported) and reported[-1] > 85, reported
    assert Pack.objects.filter(build=build).count() == 2


def test_each_items_own_download_is_its_cached_pdf(small_meeting, administrator, client):
    item = small_meeting.items.get(position=2)
    client.force_login(administrator)
    url = reverse("meetings:item-pdf", args=[small_meeting.pk, item.pk])
    assert client.get(url).status_code == 404  # in no pack yet
    packs.run(services.request_build(meeting=small_meeting, acting_user=administrator).pk)
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    own = ItemPdf.objects.get(key__in=[e["key"] for e in Pack.objects.get(meeting=small_meeting, part="public").items
                                       if e["item"] == item.pk])  # fmt: skip
    assert response["X-Content-SHA256"] == own.sha256 == __import__("hashlib").sha256(body).hexdigest()
    assert "2. Healthwatch report" in texts(body)[0]
    page = client.get(small_meeting.get_absolute_url()).content.decode()
    assert url in page
    client.logout()
    assert client.get(url).status_code in (302, 404)


def test_item_pdfs_no_newest_pack_uses_are_forgotten_after_a_while(small_meeting, administrator, settings):
    packs.run(services.request_build(meeting=small_meeting, acting_user=administrator).pk)
    orphan = ItemPdf.objects.first()
    ItemPdf.objects.filter(pk=orphan.pk).update(key="0" * 64, used_at="2020-01-01T00:00Z")
    ItemPdf.objects.exclude(pk=orphan.pk).update(used_at="2020-01-01T00:00Z")
    fronts = FrontPdf.objects.count()
    assert fronts == 4  # each part's front and the sample its pages are stamped from
    FrontPdf.objects.exclude(pk=FrontPdf.objects.first().pk).update(used_at="2020-01-01T00:00Z")
    assert packs.forget_unused_item_pdfs() == 1 + 3  # the ones the newest packs hold are kept however old
    assert not ItemPdf.objects.filter(pk=orphan.pk).exists()
    assert FrontPdf.objects.count() == 1


def test_a_callback_whose_agenda_changed_meanwhile_prepares_the_parts_again(small_meeting, administrator):
    """The chord's callback assembles the items the run planned; if the agenda's items changed while they were
    laid out (one withdrawn here), it prepares the parts again and lays out what it must, so the pack always
    matches the agenda it names. Without a plan (a callback queued before plans were passed) it does the
    same."""
    build = services.request_build(meeting=small_meeting, acting_user=administrator)
    planned = {}

    def fan_out(pk, lease, entries, plan):
        for entry in entries:
            packs.render_item_of_build(pk, lease, entry)
        planned.update(lease=lease, plan=plan)

    assert packs.run(build.pk, fan_out=fan_out).startswith("laying out")
    withdrawn = small_meeting.items.filter(confidential=False).order_by("position").last()
    withdrawn.delete()
    assert packs.finish(build.pk, planned["lease"], plan=planned["plan"]).startswith("built")
    public = Pack.objects.get(build=build, part=PackPart.PUBLIC)
    assert withdrawn.pk not in [e["item"] for e in public.items]
    assert [e["item"] for e in public.items] == list(
        small_meeting.items.filter(confidential=False).order_by("position").values_list("pk", flat=True)
    )
    again = services.request_build(meeting=small_meeting, acting_user=administrator)
    assert again is None, "what was stored is the agenda as it is: nothing to build"


def test_a_callback_without_a_plan_prepares_the_parts_itself(small_meeting, administrator):
    build = services.request_build(meeting=small_meeting, acting_user=administrator)
    leases = []
    assert packs.run(build.pk, fan_out=lambda pk, lease, entries, plan: leases.append(lease)).startswith(
        "laying"
    )
    assert packs.finish(build.pk, leases[0]).startswith("built")  # lays the items out itself
    assert Pack.objects.filter(build=build).count() == 2
