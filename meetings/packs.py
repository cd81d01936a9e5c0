"""Meeting packs: the agenda's items laid out, each alone, as tagged PDFs (PDF/UA-1) kept in a cache under the
SHA-256 of what they show, then assembled (meetings.assembly) behind a cover, the agenda and contents laid out
last with each item's true pages, with "Page X of Y" on every page, every part's bookmarks and one structure
tree. Uploaded PDF appendices are drawn onto blank pages laid out for them in their item.

Only the items whose inputs changed are laid out again: in parallel as Celery subtasks (meetings.tasks: a chord
of item renders whose callback assembles the pack), or one after another in this process (`run`, `build_file`).
A build whose inputs match the newest version's stores no new version.

The renderer fetches nothing but the app's own static files (`StaticOnlyFetcher`), and everything typed
by users reaches the HTML through Django's autoescaping, so no strategy text can make it read a local
file or the network.
"""

import gc
import hashlib
import io
import json
import logging
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Max, OuterRef
from django.db.models.functions import Greatest
from django.template.loader import render_to_string
from django.utils import timezone

from commissioning import formatting

from . import assembly, pdf_tags
from .models import AgendaItem, AgendaItemKind, FrontPdf, ItemPdf, Meeting, Pack, PackBuild, PackPart

log = logging.getLogger(__name__)

# Where the pack's HTML says its stylesheets are. `.invalid` never resolves (RFC 2606), so nothing here
# can reach a network even if the fetcher were bypassed.
STATIC_ORIGIN = "https://pack-static.invalid/static/"
A4 = (595.28, 841.89)  # points
FOOTER_ROOM = 42  # points kept clear at the foot of an appendix page for the pack's own footer


class RefusedURL(ValueError):
    pass


def _weasyprint():
    import weasyprint  # imported late: it loads Pango, which the web process rarely needs

    return weasyprint


def warm() -> list[str]:
    """What every pack build reads before its first item, done as each Celery worker process starts
    (meetings.apps) so that no build waits on it: the URL configuration (reports link to their pages), the
    pack's templates compiled, and WeasyPrint and pikepdf loaded. A new worker process's first build
    prepared its agenda in 2.1 s without this, 0.8 s with it (1.5 s of it was this). Returns the templates."""
    import pikepdf  # noqa: F401
    from django.template.loader import get_template
    from django.urls import get_resolver

    _weasyprint()
    get_resolver().url_patterns  # noqa: B018 - imports every URLconf
    root = Path(settings.BASE_DIR) / "templates"
    names = [str(path.relative_to(root)) for path in sorted((root / "packs").rglob("*.html"))]
    for name in names:
        get_template(name)
    return names


def static_only_fetcher():
    """A WeasyPrint URL fetcher that serves the app's static files and refuses everything else: file://,
    http(s) (other than the pack's own static origin), ftp, and data: too (the pack has no need of it)."""
    weasyprint = _weasyprint()

    class StaticOnlyFetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith(STATIC_ORIGIN):
                raise RefusedURL(f"The pack renderer loads only the app's own static files, not {url[:200]}")
            name = url[len(STATIC_ORIGIN) :].split("?")[0].split("#")[0]
            path = finders.find(name) if name and ".." not in name.split("/") else None
            if not path:
                raise RefusedURL(f"No static file {name[:200]}")
            with open(path, "rb") as f:
                body = f.read()
            mime = "text/css" if name.endswith(".css") else "application/octet-stream"
            return weasyprint.urls.URLFetcherResponse(url, body, {"Content-Type": mime})

    return StaticOnlyFetcher()


# Preparing -------------------------------------------------------------------------------------------------


@dataclass
class Entry:
    """One agenda item as the pack lays it out."""

    item: AgendaItem
    report: object = None  # meetings.items.kind.ItemReport, or None for an uploaded document
    body: str = ""  # the report rendered to HTML
    appendix_pages: list = field(default_factory=list)  # anchors of the blank pages an appendix fills
    html: str = ""  # the item alone (packs/item.html)
    key: str = ""  # the SHA-256 of everything it shows: its ItemPdf's key
    pdf: ItemPdf | None = None  # laid out, once it is
    first_page: int = 0  # in the assembled pack
    last_page: int = 0

    @property
    def anchor(self) -> str:
        return f"item-{self.item.pk}"


@dataclass
class Prepared:
    meeting: Meeting
    part: str
    entries: list[Entry]
    withheld: list[AgendaItem]  # exempt items named in the public pack's agenda, without their content
    front_check: dict = field(default_factory=dict)  # the checker's findings on the front, once laid out

    @property
    def title(self) -> str:
        when = timezone.localtime(self.meeting.starts_at)
        label = "Confidential pack" if self.part == PackPart.CONFIDENTIAL else "Agenda pack"
        return f"{self.meeting.board}: {label}, {formatting.long_date(when)}"

    @property
    def digest(self) -> str:
        """The SHA-256 of everything this part shows: the front's own inputs and each item's key, in order. A
        newest version with the same digest is this part as it would be built now."""
        meeting = self.meeting
        inputs = {
            "layout": _layout_digest(),
            "title": self.title,
            "council": settings.COUNCIL_NAME,
            "contact": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "meeting": [str(meeting.board), meeting.starts_at.isoformat(), meeting.venue],
            "items": [e.key for e in self.entries],
            "agenda": [
                [
                    e.item.position,
                    e.item.title,
                    e.item.kind,
                    e.item.confidential,
                    e.item.exemption,
                    e.item.document_tagged,
                ]
                for e in self.entries
            ],  # fmt: skip
            "withheld": [[i.position, i.title, i.exemption] for i in self.withheld],
        }
        return hashlib.sha256(json.dumps(inputs, default=str).encode()).hexdigest()


def parts_of(items) -> list[str]:
    """The public pack always; the confidential pack only when there are exempt items."""
    return [PackPart.PUBLIC] + ([PackPart.CONFIDENTIAL] if any(i.confidential for i in items) else [])


def agenda(meeting) -> list[AgendaItem]:
    return list(meeting.items.select_related("strategy").order_by("position", "pk"))


def split(items, part: str) -> tuple[list[AgendaItem], list[AgendaItem]]:
    """The agenda's items in this part, and those it names without their content (the public part's exempt
    items; the confidential part names none)."""
    confidential = part == PackPart.CONFIDENTIAL
    inside = [i for i in items if i.confidential == confidential]
    return inside, ([] if confidential else [i for i in items if i.confidential])


def prepare(meeting, items, part: str, reports: dict) -> Prepared:
    """What one part of the pack holds, from the agenda and the gathered reports (pack_content.gather)."""
    inside, withheld = split(items, part)
    entries = []
    for item in inside:
        entry = Entry(item, reports.get(item.pk))
        if entry.report is not None:  # each report renders in its own context; autoescaped, so safe to insert
            entry.body = render_to_string(entry.report.template, entry.report.context)
        if item.kind == AgendaItemKind.DOCUMENT:
            entry.appendix_pages = [f"{entry.anchor}-page-{n}" for n in range(1, item.document_pages + 1)]
        entry.html = render_to_string("packs/item.html", {**_frame(), "entry": entry})
        entry.key = _item_key(entry)
        entries.append(entry)
    return Prepared(meeting, part, entries, withheld)


def _frame() -> dict:
    return {
        "static_origin": STATIC_ORIGIN,
        "council": settings.COUNCIL_NAME,
        "accessibility_contact": settings.ACCESSIBILITY_CONTACT_EMAIL,
    }


# Bump when an item's PDF would change though its HTML and stylesheets do not (the tagging, the appendices'
# drawing): every item is then laid out again.
ITEM_LAYOUT_VERSION = "2"


@lru_cache(maxsize=1)
def _layout_digest() -> str:
    """The layout's own inputs: its version, WeasyPrint's and pikepdf's, and the pack's stylesheets. The
    versions are read from the installed packages' metadata: importing WeasyPrint takes 1.4 s, which a web
    process asking whether anything changed (the build button) need not pay."""
    versions = " ".join(metadata.version(package) for package in ("weasyprint", "pikepdf"))
    digest = hashlib.sha256(f"{ITEM_LAYOUT_VERSION} {versions}".encode())
    for name in ("packs/pack.css", "packs/items.css"):
        with open(finders.find(name), "rb") as f:
            digest.update(f.read())
    return digest.hexdigest()


def _document_digest(item) -> str:
    """The uploaded appendix's SHA-256, read in blocks."""
    digest = hashlib.sha256()
    with item.document.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _item_key(entry) -> str:
    """What an item's PDF is kept under: the SHA-256 of its HTML (which holds everything it shows, read from
    live data), the layout's digest and its appendix's SHA-256."""
    digest = hashlib.sha256(entry.html.encode())
    digest.update(_layout_digest().encode())
    if entry.item.document:
        digest.update(_document_digest(entry.item).encode())
    return digest.hexdigest()


def prepared_parts(meeting, items=None) -> list[Prepared]:
    """Every part of the meeting's pack as it would be built now, each item with its key (no PDF laid out)."""
    from . import pack_content

    items = agenda(meeting) if items is None else items
    reports = pack_content.gather(meeting, items)
    return [prepare(meeting, items, part, reports) for part in parts_of(items)]


def newest_packs(meeting) -> dict[str, Pack]:
    """The newest version of each part of the meeting's pack."""
    newest = {}
    for pack in Pack.objects.filter(meeting=meeting).order_by("part", "-version"):
        newest.setdefault(pack.part, pack)
    return newest


def unchanged(meeting) -> list[Pack] | None:
    """The newest packs of the meeting if building it now would make the same packs (every part's inputs
    unchanged, no part added or dropped), else None. Cheap when there is no pack yet."""
    newest = newest_packs(meeting)
    if not newest:
        return None
    parts = prepared_parts(meeting)
    if {p.part for p in parts} != set(newest) or any(newest[p.part].inputs != p.digest for p in parts):
        return None
    return [newest[p.part] for p in parts]


def html_of(prepared: Prepared) -> str:
    return render_to_string(
        "packs/pack.html",
        {
            "pack": prepared,
            "meeting": prepared.meeting,
            "static_origin": STATIC_ORIGIN,
            "council": settings.COUNCIL_NAME,
            "accessibility_contact": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "confidential": prepared.part == PackPart.CONFIDENTIAL,
            "exemptions": dict(AgendaItem._meta.get_field("exemption").flatchoices),
        },
    )


# Rendering -------------------------------------------------------------------------------------------------


class _LayoutProgress(logging.Handler):
    """Hears WeasyPrint lay out each page (its progress log) and tells `on_page` every tenth page, and
    again at each later step (writing the PDF takes a while on a long pack: the build's heartbeat goes on)."""

    def __init__(self, on_page):
        super().__init__(logging.INFO)
        self.on_page = on_page
        self.last_page = 0

    def emit(self, record):
        if record.msg.startswith("Step 5 - Creating layout - Page") and record.args:
            self.last_page = record.args[0]
            if self.last_page % 10 == 0:
                self.on_page(self.last_page)
        elif record.msg.startswith(("Step 6", "Step 7")) and self.last_page:
            self.on_page(self.last_page)


@contextmanager
def _pages_laid_out(on_page):
    if on_page is None:
        yield
        return
    logger = logging.getLogger("weasyprint.progress")
    handler, before = _LayoutProgress(on_page), (logger.level, logger.propagate)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # heard here, not printed
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.level, logger.propagate = before


def render_pdf(
    html: str,
    appendices: dict[str, object] | None = None,
    on_page: Callable[[int], None] | None = None,
    finish: bool = True,
) -> tuple[bytes, int]:
    """HTML → tagged PDF (PDF/UA-1, with the document language from <html lang>), then each appendix's
    pages drawn onto the blank pages laid out for it. `appendices`: anchor of its first blank page →
    an open binary file of the uploaded PDF. Returns the PDF and its number of pages."""
    weasyprint = _weasyprint()
    with _pages_laid_out(on_page):
        document = weasyprint.HTML(
            string=pdf_tags.describe_figures(html), base_url=STATIC_ORIGIN, url_fetcher=static_only_fetcher()
        ).render(pdf_variant="pdf/ua-1")
    pages = len(document.pages)
    out = io.BytesIO()
    document.write_pdf(out, pdf_variant="pdf/ua-1")
    pdf = out.getvalue()
    if appendices:
        page_of = {anchor: n for n, page in enumerate(document.pages) for anchor in page.anchors}
        pdf = _merge_appendices(pdf, {page_of[a]: f for a, f in appendices.items() if a in page_of})
    return (pdf_tags.finish(pdf) if finish else pdf), pages


def _merge_appendices(pdf: bytes, at: dict[int, object]) -> bytes:
    """Draw each appendix's pages, scaled to fit above the footer, onto the blank pages from index `at` (as
    artifacts: see meetings.pdf_tags.draw_as_artifact)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        for first, upload in at.items():
            upload.seek(0)
            with pikepdf.open(io.BytesIO(upload.read())) as appendix:
                for n, source in enumerate(appendix.pages):
                    box = source.mediabox
                    left, bottom = float(box[0]), float(box[1])
                    width, height = float(box[2]) - left, float(box[3]) - bottom
                    scale = min(A4[0] / width, (A4[1] - FOOTER_ROOM) / height, 1)
                    x = (A4[0] - width * scale) / 2 - left * scale
                    y = FOOTER_ROOM + (A4[1] - FOOTER_ROOM - height * scale) - bottom * scale
                    pdf_tags.draw_as_artifact(
                        document, document.pages[first + n], source, (scale, 0, 0, scale, x, y)
                    )
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


def render_item(entry: Entry, on_page=None) -> ItemPdf:
    """The item's PDF from the cache, or laid out now (with its appendix drawn in) and kept. Two runs laying
    out the same item keep one: the second finds the first's."""
    found = ItemPdf.objects.filter(key=entry.key).first()
    if found is not None:
        return found
    item = entry.item
    appendices = {}
    if entry.appendix_pages and item.document:
        item.document.open("rb")
        appendices[entry.appendix_pages[0]] = item.document
    try:
        pdf, pages = render_pdf(entry.html, appendices, on_page)
    finally:
        for upload in appendices.values():
            upload.close()
    made = ItemPdf(
        key=entry.key,
        item=item,
        sha256=hashlib.sha256(pdf).hexdigest(),
        pages=pages,
        size=len(pdf),
        accessibility=pdf_tags.check(pdf, rules="part"),  # here, in parallel with the other items
    )
    return _kept(made, pdf)


def _kept(made, pdf: bytes):
    """A laid-out PDF (an ItemPdf or FrontPdf, keyed by what it shows) stored with its file; two runs laying
    out the same keep one: the second finds the first's and drops its own file."""
    made.file.save(f"{made.key}.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            made.save()
    except IntegrityError:  # laid out meanwhile by another run
        made.file.delete(save=False)
        return type(made).objects.get(key=made.key)
    return made


def _front_html(prepared: Prepared, total: int) -> str:
    return render_to_string(
        "packs/front.html",
        {
            **_frame(),
            "pack": prepared,
            "meeting": prepared.meeting,
            "total": total,
            "item_origin": assembly.ITEM_ORIGIN,
            "confidential": prepared.part == PackPart.CONFIDENTIAL,
        },
    )


def _stamp_sample(prepared: Prepared) -> bytes:
    """Two pages laid out with the pack's page rules (the second has the running title), the footer reading
    assembly.Stamp.SAMPLE_FOOTER: what the item pages are stamped from."""
    html = render_to_string(
        "packs/stamp.html",
        {
            **_frame(),
            "meeting": prepared.meeting,
            "sample": assembly.Stamp.SAMPLE_FOOTER,
            "confidential": prepared.part == PackPart.CONFIDENTIAL,
        },
    )
    with _laid_out(html, finish=False).file.open("rb") as f:
        return f.read()


def _laid_out(html: str, finish: bool = True) -> FrontPdf:
    """The part's own pages for this HTML: kept, or laid out now and kept (two builds laying out the same keep
    one). Its accessibility is checked as it is laid out, as an item's is."""
    key = hashlib.sha256(f"{_layout_digest()} {finish} {html}".encode()).hexdigest()
    found = FrontPdf.objects.filter(key=key).first()
    if found is not None:
        FrontPdf.objects.filter(pk=found.pk).update(used_at=timezone.now())
        return found
    pdf, pages = render_pdf(html, finish=finish)
    made = FrontPdf(key=key, pages=pages, accessibility=pdf_tags.check(pdf, rules="part") if finish else {})
    return _kept(made, pdf)


def assemble_part(prepared: Prepared) -> tuple[bytes, int]:
    """One part of the pack from its items' PDFs (each laid out already: entry.pdf): the front laid out with
    the items' true pages (again if its own length changed them), then everything put together."""
    body = sum(e.pdf.pages for e in prepared.entries)
    front_pages = _front_pages_before(prepared)  # a guess, corrected below
    for _attempt in range(4):
        page = front_pages + 1
        for entry in prepared.entries:
            entry.first_page, entry.last_page = page, page + entry.pdf.pages - 1
            page += entry.pdf.pages
        front = _laid_out(_front_html(prepared, front_pages + body))
        if front.pages == front_pages:
            break
        front_pages = front.pages
    prepared.front_check = front.accessibility
    with front.file.open("rb") as f:
        front = f.read()
    items = []
    for entry in prepared.entries:
        with entry.pdf.file.open("rb") as f:
            items.append(f.read())
    pdf = assembly.assemble(
        front,
        items,
        title=prepared.title,
        lang="en-GB",
        stamp=_stamp_sample(prepared),
        anchors=[e.anchor for e in prepared.entries],
        titles={e.anchor: f"item {e.item.position}, {e.item.title}" for e in prepared.entries},
        first_pages={e.anchor: e.first_page for e in prepared.entries},
    )
    return pdf, front_pages + body


def _front_pages_before(prepared: Prepared) -> int:
    """How many pages the front had in this part's newest version (its first item's first page, less one),
    else 3 (cover, agenda, contents): laid out once more only when the agenda grew past a page."""
    newest = Pack.objects.filter(meeting=prepared.meeting, part=prepared.part).order_by("-version").first()
    first = newest.items[0].get("first_page") if newest is not None and newest.items else None
    return first - 1 if isinstance(first, int) and first > 1 else 3


def manifest(prepared: Prepared) -> list[dict]:
    """The items of an assembled part, as its Pack keeps them."""
    return [
        {"item": e.item.pk, "key": e.key, "first_page": e.first_page, "pages": e.pdf.pages}
        for e in prepared.entries
    ]


def build_file(meeting, part: str = PackPart.PUBLIC, with_pages: bool = False):
    """A pack's PDF without storing it (the `build_pack` command; tests), with its pages if asked: the newest
    version if nothing changed since it was built, else assembled now, items laid out only where changed."""
    current = unchanged(meeting)
    stored = next((p for p in current or [] if p.part == part), None)
    if stored is not None:
        with stored.file.open("rb") as f:
            pdf, pages = f.read(), stored.pages
    else:
        prepared = next(p for p in prepared_parts(meeting) if p.part == part)
        for entry in prepared.entries:
            entry.pdf = render_item(entry)
        pdf, pages = assemble_part(prepared)
    return (pdf, pages) if with_pages else pdf


def forget_unused_item_pdfs() -> int:
    """Delete the item PDFs no meeting's newest pack holds and no build used for PACK_ITEM_CACHE_DAYS, and the
    fronts no build used for as long."""
    newer = Pack.objects.filter(
        meeting=OuterRef("meeting"), part=OuterRef("part"), version__gt=OuterRef("version")
    )
    keep = {
        entry["key"]
        for items in Pack.objects.exclude(Exists(newer)).values_list("items", flat=True)
        for entry in items
    }
    cutoff = timezone.now() - timedelta(days=settings.PACK_ITEM_CACHE_DAYS)
    forgotten = 0
    for stale in [
        *ItemPdf.objects.filter(used_at__lt=cutoff).exclude(key__in=keep),
        *FrontPdf.objects.filter(used_at__lt=cutoff),  # a newest pack's front is used by its next build
    ]:
        stale.file.delete(save=False)
        stale.delete()
        forgotten += 1
    return forgotten


def file_response(pack):
    """A stored pack as a download (the meeting page and the API): never cached, with its SHA-256."""
    from django.http import FileResponse

    response = FileResponse(pack.file.open("rb"), as_attachment=True, filename=pack.filename)
    response["Content-Type"] = "application/pdf"
    response["X-Content-SHA256"] = pack.sha256
    response["Cache-Control"] = "private, no-store"
    return response


# The job ---------------------------------------------------------------------------------------------------


class LeaseLost(Exception):  # noqa: N818 - a state, not a fault
    """This run no longer holds the build (restarted, or its job delivered again after it was thought dead)."""


def _beat(build_id: int, lease: str, **fields) -> None:
    """Renew the lease's heartbeat, with any progress to show. Written at once (outside any transaction) so
    the page polling the build sees it move; raises LeaseLost when another run or a restart took it."""
    renewed = PackBuild.objects.filter(pk=build_id, lease=lease, status=PackBuild.Status.RUNNING).update(
        heartbeat_at=timezone.now(), **fields
    )
    if not renewed:
        raise LeaseLost(build_id)


def _progress(build_id: int, lease: str, percent: int, step: str) -> None:
    _beat(build_id, lease, progress=percent, step=step[:200])


def accessibility_of(pdf: bytes, prepared: Prepared) -> dict:
    """What the pack's accessibility summary shows: the open checker's findings and the part's untagged
    appendices (each may not be accessible: the reader is told to ask for another format). Every rule ran on
    each item where it was laid out (kept with its PDF) and on the front; here only the rules about the pack
    as a whole run on it, so checking a pack costs what its changed items do, not its length."""
    parts = [(prepared.front_check, 1)] + [(e.pdf.accessibility, e.first_page) for e in prepared.entries]
    untagged = [
        {"position": e.item.position, "title": e.item.title}
        for e in prepared.entries
        if e.item.document and e.item.document_tagged is False
    ]
    summary = pdf_tags.combined(pdf_tags.check(pdf, rules="whole"), parts)
    return {**summary, "checked_at": timezone.now().isoformat(), "untagged_appendices": untagged}


def _store(
    build,
    lease: str,
    meeting,
    part: str,
    pdf: bytes,
    pages: int,
    accessibility: dict | None = None,
    prepared: Prepared | None = None,
) -> Pack | None:
    """Store one part as the next version, once, and only while this run holds the build's lease: a second
    run of the same build finds it made, and a run that lost the build stores nothing."""
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=meeting.pk)  # one version number at a time
        if not PackBuild.objects.filter(pk=build.pk, lease=lease, status=PackBuild.Status.RUNNING).exists():
            raise LeaseLost(build.pk)
        if Pack.objects.filter(build=build, part=part).exists():
            return None
        version = (Pack.objects.filter(meeting=meeting, part=part).aggregate(v=Max("version"))["v"] or 0) + 1
        pack = Pack(
            meeting=meeting,
            part=part,
            version=version,
            build=build,
            sha256=hashlib.sha256(pdf).hexdigest(),
            pages=pages,
            size=len(pdf),
            built_by=build.requested_by,
            accessibility=accessibility or {},
            inputs=prepared.digest if prepared else "",
            items=manifest(prepared) if prepared else [],
        )
        pack.file.save(f"{meeting.pk}-{part}-v{version}.pdf", ContentFile(pdf), save=False)
        try:
            pack.save()
        except Exception:
            pack.file.delete(save=False)
            raise
        return pack


def _claim(build_id: int, job_id: str | None) -> tuple[PackBuild | None, str]:
    """Take the build's lease for this run, or say why not: finished or stopped builds, and jobs that are
    not the build's own (an old job of a restarted build), are left alone. The build's own job delivered
    again takes the lease over: it is delivered again only when its worker died or timed out."""
    with transaction.atomic():
        build = (
            PackBuild.objects.select_for_update().select_related("meeting__board").filter(pk=build_id).first()
        )
        if build is None or not build.in_progress:
            return None, "nothing to do"
        if job_id and build.job_id and job_id != build.job_id:
            return None, "not this build's job: nothing stored"
        build.status, build.attempts, build.error = PackBuild.Status.RUNNING, build.attempts + 1, ""
        build.progress, build.step = 2, "Gathering the agenda's reports"
        build.lease, build.heartbeat_at = uuid.uuid4().hex, timezone.now()
        build.save(update_fields=["status", "attempts", "error", "progress", "step", "lease", "heartbeat_at"])
    return build, build.lease


def run(
    build_id: int,
    pause: Callable[[], None] | None = None,
    job_id: str | None = None,
    fan_out: Callable[[int, str, list[Entry], list[dict]], None] | None = None,
) -> str:
    """Build a meeting's packs for one PackBuild. Safe to run twice or after a crash: a part already stored
    by this build is not made again, a finished build is left alone, and a run that lost the build's lease
    (meetings.services.restart_build) stops storing. `job_id`: the Celery task running it. `pause` lets the
    fault tests stop a worker mid-build.

    Items whose PDF is not in the cache are laid out here one after another, or, given `fan_out` (the Celery
    job's), handed to it to lay out in parallel with the parts' plan (`plan_of`): it then calls `finish` with
    that plan once they are (a chord's callback), and this run returns at once."""
    build, lease = _claim(build_id, job_id)
    if build is None:
        return lease
    started = time.monotonic()
    try:
        parts = _wanted(build, lease)
        if not parts:
            return _done(build, lease, started)
        missing = _missing(parts)
        PackBuild.objects.filter(pk=build.pk, lease=lease).update(
            items_to_render=len(missing), items_rendered=0
        )
        _progress(build.pk, lease, 5, f"Laying out the {len(missing)} changed items")
        if pause:
            pause()
        if fan_out is not None and len(missing) > 1:
            # The longest first (by their HTML), as workers take subtasks in order: the short ones then fill
            # in at the end, instead of one long item laid out while the other workers are idle.
            fan_out(
                build.pk,
                lease,
                sorted(missing, key=lambda entry: len(entry.html), reverse=True),
                plan_of(parts),
            )
            return f"laying out {len(missing)} items in parallel"
        for entry in missing:
            render_item_of_build(build.pk, lease, entry)
        return _finish(build, lease, parts, started, pause)
    except LeaseLost:
        return _lost(build)
    except Exception as error:
        return _failed(build, lease, error)


def _wanted(build, lease, report: bool = True) -> list[Prepared]:
    """The parts this build still has to store: not stored by it already, and changed since their newest
    version. A part unchanged since its newest version is not stored again. `report`: say so in the
    progress (not in the chord's callback, when the items are already laid out: the bar would go back)."""
    if report:
        _progress(build.pk, lease, 3, "Reading the agenda's reports")
    parts = prepared_parts(build.meeting)
    newest = newest_packs(build.meeting)
    done = set(Pack.objects.filter(build=build).values_list("part", flat=True))
    return [
        p
        for p in parts
        if p.part not in done and not (p.part in newest and newest[p.part].inputs == p.digest)
    ]


def plan_of(parts) -> list[dict]:
    """What a build's run prepared, for the chord's callback: each part still to store, and its items with
    their keys, in order. The callback assembles exactly these: the reports are not gathered twice, and the
    pack is the agenda's content as the build found it (a later change makes the next build differ)."""
    return [{"part": p.part, "items": [[e.item.pk, e.key] for e in p.entries]} for p in parts]


def _planned(build, plan) -> list[Prepared] | None:
    """The parts of `plan` (plan_of) not yet stored by this build, each item with its laid-out PDF; the front
    is read from the agenda as it is now. None when the agenda no longer holds the same items in each part,
    or an item's PDF has gone: the caller then prepares the parts afresh."""
    items = agenda(build.meeting)
    done = set(Pack.objects.filter(build=build).values_list("part", flat=True))
    keys = {key for part in plan for _item, key in part["items"]}
    cached = {pdf.key: pdf for pdf in ItemPdf.objects.filter(key__in=keys)}
    parts = []
    for part in plan:
        inside, withheld = split(items, part["part"])
        if [i.pk for i in inside] != [pk for pk, _key in part["items"]]:
            return None
        entries = [
            Entry(item, key=key, pdf=cached.get(key))
            for item, (_pk, key) in zip(inside, part["items"], strict=True)
        ]
        if any(e.pdf is None for e in entries):
            return None
        if part["part"] not in done:
            parts.append(Prepared(build.meeting, part["part"], entries, withheld))
    return parts


def _missing(parts) -> list[Entry]:
    """The items not yet in the cache, each once (an item is in one part only), others given their PDF."""
    keys = {e.key for p in parts for e in p.entries}
    cached = {pdf.key: pdf for pdf in ItemPdf.objects.filter(key__in=keys)}
    ItemPdf.objects.filter(key__in=keys).update(used_at=timezone.now())
    missing, seen = [], set()
    for part in parts:
        for entry in part.entries:
            entry.pdf = cached.get(entry.key)
            if entry.pdf is None and entry.key not in seen:
                seen.add(entry.key)
                missing.append(entry)
    return missing


def render_item_of_build(build_id: int, lease: str, entry: Entry) -> ItemPdf:
    """Lay out one item for a build (here, or in a Celery subtask), its heartbeat renewed as pages are laid
    out, and the build's progress moved on by one item."""
    _beat(build_id, lease)
    made = render_item(entry, on_page=lambda page: _beat(build_id, lease))
    entry.pdf = made
    renewed = PackBuild.objects.filter(pk=build_id, lease=lease, status=PackBuild.Status.RUNNING).update(
        items_rendered=F("items_rendered") + 1,
        progress=5 + 80 * (F("items_rendered") + 1) / Greatest(F("items_to_render"), 1),
        step=f"Laid out item {entry.item.position}, {entry.item.title}"[:200],
        heartbeat_at=timezone.now(),
    )
    if not renewed:
        raise LeaseLost(build_id)
    return made


def finish(
    build_id: int, lease: str, pause: Callable[[], None] | None = None, plan: list[dict] | None = None
) -> str:
    """After the items were laid out in parallel (the chord's callback): assemble and store the packs of
    `plan` (the run's plan_of). `pause`, as for `run`, before each part is put together. Without a plan (a
    callback queued before plans were passed), or when the agenda's items changed meanwhile, the parts are
    prepared again and any item not laid out yet is laid out here."""
    build = PackBuild.objects.select_related("meeting__board").filter(pk=build_id).first()
    if build is None:
        return "nothing to do"
    started = time.monotonic()
    try:
        _beat(build_id, lease)
        parts = _planned(build, plan) if plan is not None else None
        if parts is None:
            parts = _wanted(build, lease, report=False)
            for entry in _missing(parts):
                render_item_of_build(build.pk, lease, entry)
        return _finish(build, lease, parts, started, pause)
    except LeaseLost:
        return _lost(build)
    except Exception as error:
        return _failed(build, lease, error)


def _finish(build, lease, parts, started, pause=None) -> str:
    _let_go_of_html(parts)
    for n, prepared in enumerate(parts):
        label = PackPart(prepared.part).label.lower()
        base = 85 + n * 14 // len(parts)
        _progress(build.pk, lease, base, f"Putting the {label} together")
        if pause:
            pause()
        pdf, pages = assemble_part(prepared)
        _progress(build.pk, lease, base + 3, f"Checking the {label} for accessibility")
        accessibility = accessibility_of(pdf, prepared)
        _progress(build.pk, lease, base + 6, f"Storing the {label} ({pages} pages)")
        _store(build, lease, build.meeting, prepared.part, pdf, pages, accessibility, prepared)
    forget_unused_item_pdfs()
    return _done(build, lease, started)


def _let_go_of_html(parts) -> None:
    """Every item is laid out: its reports and HTML are no longer needed. Freed before the front is laid out
    and the pack assembled, the memory they held is used again there (the process's peak is then that much
    lower)."""
    for prepared in parts:
        for entry in prepared.entries:
            entry.report, entry.body, entry.html = None, "", ""
    gc.collect()


def _done(build, lease, started) -> str:
    stored = Pack.objects.filter(build=build).exists()
    PackBuild.objects.filter(pk=build.pk, lease=lease).update(
        status=PackBuild.Status.DONE,
        progress=100,
        step="Built" if stored else "Nothing changed since the newest version: no new version",
        finished_at=timezone.now(),
    )
    return f"built in {time.monotonic() - started:.1f} s" if stored else "unchanged"


def _lost(build) -> str:
    log.warning("Pack build %s was taken over while this run worked it: it stored nothing more", build.pk)
    return "no longer this run's build: stopped"


def _failed(build, lease, error) -> str:
    log.exception("Building the packs for meeting %s failed", build.meeting_id)
    PackBuild.objects.filter(pk=build.pk, lease=lease).update(
        status=PackBuild.Status.FAILED,
        error=f"The pack could not be built: {error}"[:2000],
        finished_at=timezone.now(),
    )
    return "failed"


def render_item_job(build_id: int, lease: str, item_id: int, key: str, html: str) -> str:
    """A Celery subtask's item (meetings.tasks.render_pack_item): the HTML and key made by the build's run."""
    build = PackBuild.objects.filter(pk=build_id).first()
    item = AgendaItem.objects.filter(pk=item_id).first()
    if build is None or item is None:
        return "nothing to do"
    entry = Entry(item, html=html, key=key)
    if item.kind == AgendaItemKind.DOCUMENT:
        entry.appendix_pages = [f"{entry.anchor}-page-{n}" for n in range(1, item.document_pages + 1)]
    try:
        render_item_of_build(build_id, lease, entry)
    except LeaseLost:
        return _lost(build)
    except Exception as error:
        return _failed(build, lease, error)
    return f"item {item.position} laid out"
