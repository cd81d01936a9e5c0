"""Meeting packs: the agenda's items laid out as one PDF by WeasyPrint, with a cover, the agenda with each
item's page range, a contents page, "Page X of Y" footers, bookmarks and tags (PDF/UA-1), and uploaded
PDF appendices merged in at their places.

Page numbers are the real ones: the agenda and contents use CSS `target-counter()`, which WeasyPrint
resolves after pagination; an appendix is laid out as blank pages (so every later number already counts
it) and its own pages are drawn onto them afterwards.

The renderer fetches nothing but the app's own static files (`StaticOnlyFetcher`), and everything typed
by users reaches the HTML through Django's autoescaping, so no strategy text can make it read a local
file or the network.
"""

import hashlib
import io
import logging
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from commissioning import formatting

from . import pdf_tags
from .models import AgendaItem, AgendaItemKind, Meeting, Pack, PackBuild, PackPart

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

    @property
    def anchor(self) -> str:
        return f"item-{self.item.pk}"


@dataclass
class Prepared:
    meeting: Meeting
    part: str
    entries: list[Entry]
    withheld: list[AgendaItem]  # exempt items named in the public pack's agenda, without their content

    @property
    def title(self) -> str:
        when = timezone.localtime(self.meeting.starts_at)
        label = "Confidential pack" if self.part == PackPart.CONFIDENTIAL else "Agenda pack"
        return f"{self.meeting.board}: {label}, {formatting.long_date(when)}"


def parts_of(items) -> list[str]:
    """The public pack always; the confidential pack only when there are exempt items."""
    return [PackPart.PUBLIC] + ([PackPart.CONFIDENTIAL] if any(i.confidential for i in items) else [])


def agenda(meeting) -> list[AgendaItem]:
    return list(meeting.items.select_related("strategy").order_by("position", "pk"))


def prepare(meeting, items, part: str, reports: dict) -> Prepared:
    """What one part of the pack holds, from the agenda and the gathered reports (pack_content.gather)."""
    confidential = part == PackPart.CONFIDENTIAL
    entries, withheld = [], []
    for item in items:
        if item.confidential != confidential:
            if not confidential:
                withheld.append(item)
            continue
        entry = Entry(item, reports.get(item.pk))
        if entry.report is not None:  # each report renders in its own context; autoescaped, so safe to insert
            entry.body = render_to_string(entry.report.template, entry.report.context)
        if item.kind == AgendaItemKind.DOCUMENT:
            entry.appendix_pages = [f"{entry.anchor}-page-{n}" for n in range(1, item.document_pages + 1)]
        entries.append(entry)
    return Prepared(meeting, part, entries, withheld)


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
    html: str, appendices: dict[str, object] | None = None, on_page: Callable[[int], None] | None = None
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
    return pdf_tags.finish(pdf), pages


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


def render_part(meeting, items, part: str, reports: dict, on_page=None) -> tuple[bytes, int, str]:
    """One part of the pack, start to finish: its PDF, pages and final HTML."""
    prepared = prepare(meeting, items, part, reports)
    html = html_of(prepared)
    appendices = {}
    for entry in prepared.entries:
        if entry.appendix_pages and entry.item.document:
            entry.item.document.open("rb")
            appendices[entry.appendix_pages[0]] = entry.item.document
    try:
        pdf, pages = render_pdf(html, appendices, on_page)
    finally:
        for upload in appendices.values():
            upload.close()
    return pdf, pages, html


def build_file(meeting, part: str = PackPart.PUBLIC, with_pages: bool = False):
    """A pack's PDF without storing it (the `build_pack` command; tests), with its pages if asked."""
    from . import pack_content

    items = agenda(meeting)
    pdf, pages, _html = render_part(meeting, items, part, pack_content.gather(meeting, items))
    return (pdf, pages) if with_pages else pdf


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


def accessibility_of(pdf: bytes, items, part: str) -> dict:
    """What the pack's accessibility summary shows: the open checker's findings and the part's untagged
    appendices (each may not be accessible: the reader is told to ask for another format)."""
    confidential = part == PackPart.CONFIDENTIAL
    untagged = [
        {"position": item.position, "title": item.title}
        for item in items
        if item.confidential == confidential and item.document and item.document_tagged is False
    ]
    return {**pdf_tags.check(pdf), "checked_at": timezone.now().isoformat(), "untagged_appendices": untagged}


def _store(
    build, lease: str, meeting, part: str, pdf: bytes, pages: int, accessibility: dict | None = None
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


def run(build_id: int, pause: Callable[[], None] | None = None, job_id: str | None = None) -> str:
    """Build a meeting's packs for one PackBuild. Safe to run twice or after a crash: a part already stored
    by this build is not made again, a finished build is left alone, and a run that lost the build's lease
    (meetings.services.restart_build) stops storing. `job_id`: the Celery task running it. `pause` lets the
    fault tests stop a worker mid-build."""
    from . import pack_content

    build, lease = _claim(build_id, job_id)
    if build is None:
        return lease
    meeting = build.meeting
    started = time.monotonic()
    try:
        items = agenda(meeting)
        reports = pack_content.gather(meeting, items)
        parts = parts_of(items)
        for n, part in enumerate(parts):
            share, base = 90 // len(parts), 5 + n * (90 // len(parts))
            label = PackPart(part).label.lower()
            if Pack.objects.filter(build=build, part=part).exists():
                continue
            _progress(build.pk, lease, base + share // 10, f"Laying out the {label}")
            if pause:
                pause()
            # The bar moves as pages are laid out, against the last version's length (or a guess).
            expected = Pack.objects.filter(meeting=meeting, part=part).values_list("pages", flat=True).first()
            expected = expected or 6 * len(items)

            def laid_out(page, base=base, share=share, label=label, expected=expected):
                done = min(page / expected, 1)
                _progress(
                    build.pk,
                    lease,
                    base + share // 10 + int(share * 0.75 * done),
                    f"Laying out the {label}: page {page}",
                )

            pdf, pages, _html = render_part(meeting, items, part, reports, on_page=laid_out)
            _progress(build.pk, lease, base + share * 17 // 20, f"Checking the {label} for accessibility")
            accessibility = accessibility_of(pdf, items, part)
            _progress(build.pk, lease, base + share * 9 // 10, f"Storing the {label} ({pages} pages)")
            _store(build, lease, meeting, part, pdf, pages, accessibility)
    except LeaseLost:
        log.warning("Pack build %s was taken over while this run worked it: it stored nothing more", build.pk)
        return "no longer this run's build: stopped"
    except Exception as error:
        log.exception("Building the packs for meeting %s failed", meeting.pk)
        PackBuild.objects.filter(pk=build.pk, lease=lease).update(
            status=PackBuild.Status.FAILED,
            error=f"The pack could not be built: {error}"[:2000],
            finished_at=timezone.now(),
        )
        return "failed"
    PackBuild.objects.filter(pk=build.pk, lease=lease).update(
        status=PackBuild.Status.DONE, progress=100, step="Built", finished_at=timezone.now()
    )
    return f"built in {time.monotonic() - started:.1f} s"
