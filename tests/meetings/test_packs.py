"""Meeting packs as PDFs: the renderer's fetcher, versions and the job's idempotence (the layout of one built
pack is read in test_pack_layout). Each PDF is read back with pypdf."""

import hashlib
import io
from datetime import timedelta
from functools import lru_cache

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from meetings import packs, services
from meetings.models import AgendaItemKind, Meeting, Pack, PackBuild, PackPart
from members.models import ImmutableRecord

from .. import factories


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@lru_cache
def appendix(title: str, pages: int) -> bytes:
    """A partner's PDF (untagged), made once a process: the tests only upload and read it."""
    from weasyprint import HTML

    body = "".join(f"<p style='break-after: page'>{title}, page {n}</p>" for n in range(1, pages + 1))
    return HTML(string=f"<html lang='en'><title>{title}</title>{body}</html>").write_pdf()


@pytest.fixture
def meeting(administrator, commissioner, commissioner2):
    return scrutiny_meeting(administrator, commissioner, commissioner2)


def _next_scrutiny_meeting(administrator):
    """The scrutiny committee's next meeting, in 14 days, after one 40 days ago with its minutes."""
    board = factories.board("Adults and Community Wellbeing Scrutiny Committee", kind="scrutiny_committee")
    Meeting.objects.create(
        board=board, starts_at=timezone.now() - timezone.timedelta(days=40), venue="Council Chamber",
        minutes="The committee agreed the minutes of its previous meeting. NOTED-PREVIOUS-MINUTES",
    )  # fmt: skip
    return services.create_meeting(
        board=board, starts_at=timezone.now() + timezone.timedelta(days=14), venue="Council Chamber",
        acting_user=administrator,
    )  # fmt: skip


def scrutiny_meeting(administrator, commissioner, commissioner2):
    """A scrutiny meeting: minutes, two strategies' reports, a partner's PDF, and an exempt item."""
    first = factories.complete_analyse(
        factories.strategy(commissioner=commissioner, title="Older people live well")
    )
    second = factories.complete_analyse(
        factories.strategy(commissioner=commissioner2, title="Carers get a break")
    )
    meeting = _next_scrutiny_meeting(administrator)
    add = lambda **f: services.add_item(meeting=meeting, acting_user=administrator, **f)  # noqa: E731
    add(kind=AgendaItemKind.MINUTES, title="Minutes of the last meeting")
    add(kind=AgendaItemKind.STRATEGY, title="Older people: proposed outcomes", strategy=first)
    pdf = appendix("Healthwatch findings", 3)
    add(
        kind=AgendaItemKind.DOCUMENT, title="Healthwatch report", document_pages=3,
        document=ContentFile(pdf, name="healthwatch.pdf"),
    )  # fmt: skip
    add(kind=AgendaItemKind.STRATEGY, title="Carers: proposed outcomes", strategy=second)
    add(
        kind=AgendaItemKind.STRATEGY, title="Carers: the provider's costs", strategy=second, confidential=True,
        exemption="3",
    )  # fmt: skip
    return meeting


@pytest.fixture
def small_meeting(administrator):
    """A scrutiny meeting of three light items: minutes, a partner's PDF and an exempt item (so a public and a
    confidential part). For the tests of a build's lifecycle (versions, leases, restarts, heartbeats, old
    jobs), whose assertions do not depend on what the items show: `meeting`'s two strategies' reports are
    most of the time a build takes."""
    meeting = _next_scrutiny_meeting(administrator)
    add = lambda **f: services.add_item(meeting=meeting, acting_user=administrator, **f)  # noqa: E731
    add(kind=AgendaItemKind.MINUTES, title="Minutes of the last meeting")
    add(
        kind=AgendaItemKind.DOCUMENT, title="Healthwatch report", document_pages=1,
        document=ContentFile(appendix("Healthwatch findings", 1), name="healthwatch.pdf"),
    )  # fmt: skip
    add(
        kind=AgendaItemKind.DECISIONS,
        title="Decisions on the provider's costs",
        confidential=True,
        exemption="3",
    )
    return meeting


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def texts(reader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def top(text: str) -> list[str]:
    """The first lines of a page: the running title, then its heading."""
    return [line.strip() for line in text.strip().split("\n")[:3]]


def outline_titles(reader) -> list[str]:
    titles = []

    def walk(nodes):
        for node in nodes:
            if isinstance(node, list):
                walk(node)
            else:
                titles.append(node.title)

    walk(reader.outline)
    return titles


@pytest.mark.django_db
def test_text_typed_by_users_cannot_reach_files_or_the_network(administrator, commissioner, monkeypatch):
    fetched = []
    real = packs.static_only_fetcher

    def spy():
        fetcher = real()
        original = fetcher.fetch

        def fetch(url, headers=None):
            fetched.append(url)
            return original(url, headers)

        fetcher.fetch = fetch
        return fetcher

    monkeypatch.setattr(packs, "static_only_fetcher", spy)
    hostile = "<img src='file:///etc/passwd'><link rel=stylesheet href='http://127.0.0.1:9/x.css'>"
    s = factories.strategy(commissioner=commissioner, title=f"Safe {hostile}")
    board = factories.board()
    meeting = services.create_meeting(
        board=board, starts_at=timezone.now(), venue=hostile, acting_user=administrator
    )
    services.add_item(
        meeting=meeting, acting_user=administrator, kind=AgendaItemKind.STRATEGY, title=hostile, strategy=s
    )
    text = "\n".join(texts(read(packs.build_file(meeting))))
    assert "<img src='file:///etc/passwd'>" in text  # shown as the text it is
    assert "root:" not in text
    assert all(u.startswith(packs.STATIC_ORIGIN) for u in fetched), fetched


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.org/font.woff",
        "ftp://example.org/x",
        "data:text/css,body{}",
        packs.STATIC_ORIGIN + "../../settings.py",
        packs.STATIC_ORIGIN + "packs/../../../etc/passwd",
        packs.STATIC_ORIGIN + "no-such-file.css",
    ],
)
def test_the_fetcher_refuses_everything_but_the_apps_static_files(url):
    with pytest.raises(packs.RefusedURL):
        packs.static_only_fetcher().fetch(url)


def test_the_fetcher_serves_the_packs_stylesheet():
    response = packs.static_only_fetcher().fetch(packs.STATIC_ORIGIN + "packs/pack.css")
    assert b"@page" in response.read()


@pytest.mark.django_db
def test_a_build_stores_each_part_once_as_a_new_version(small_meeting, scrutiny):
    build = PackBuild.objects.create(meeting=small_meeting, requested_by=scrutiny)
    assert packs.run(build.pk).startswith("built")
    assert packs.run(build.pk) == "nothing to do"  # delivered twice: nothing made twice
    stored = {p.part: p for p in Pack.objects.filter(meeting=small_meeting)}
    assert set(stored) == {PackPart.PUBLIC, PackPart.CONFIDENTIAL}
    for pack in stored.values():
        data = pack.file.read()
        assert (
            pack.version == 1 and pack.sha256 == hashlib.sha256(data).hexdigest() and pack.size == len(data)
        )
        assert pack.pages == len(read(data).pages) and pack.built_by == scrutiny
    build.refresh_from_db()
    assert (build.status, build.progress, build.attempts) == (PackBuild.Status.DONE, 100, 1)

    # A crash after the public part was stored: the run again makes only the missing part.
    again = PackBuild.objects.create(
        meeting=small_meeting,
        requested_by=scrutiny,
        status=PackBuild.Status.RUNNING,
        lease="the run that died",
    )
    packs._store(again, "the run that died", small_meeting, PackPart.PUBLIC, b"%PDF-1.7 partial", 1)
    packs.run(again.pk)  # its job delivered again: it takes the lease over and finishes
    versions = sorted(Pack.objects.filter(meeting=small_meeting).values_list("part", "version"))
    # Nothing changed since the first build, so the confidential part gets no new version.
    assert versions == [("confidential", 1), ("public", 1), ("public", 2)]


def test_a_build_queued_under_the_old_task_name_is_still_worked(small_meeting, scrutiny):
    """Packs were built by members.tasks.build_packs before the meetings app: a message queued under that name
    before an upgrade finds the same job after it."""
    from commissioning.celery import app
    from meetings.tasks import build_packs

    app.loader.import_default_modules()  # what a worker does at start-up (autodiscovery)
    assert build_packs.name == "meetings.tasks.build_packs"
    old = app.tasks["members.tasks.build_packs"]
    build = PackBuild.objects.create(
        meeting=small_meeting, requested_by=scrutiny, status=PackBuild.Status.DONE
    )
    assert old.run(build.pk) == build_packs.run(build.pk) == "nothing to do"
    assert (old.acks_late, old.reject_on_worker_lost) == (True, True)


@pytest.mark.django_db
def test_a_published_pack_never_changes(small_meeting, scrutiny):
    build = PackBuild.objects.create(meeting=small_meeting, requested_by=scrutiny)
    packs.run(build.pk)
    pack = Pack.objects.filter(meeting=small_meeting).first()
    pack.pages = 1
    with pytest.raises(ImmutableRecord):
        pack.save()
    with pytest.raises(ImmutableRecord):
        pack.delete()


@pytest.mark.django_db
def test_a_failed_build_says_why_and_keeps_nothing_half_made(small_meeting, scrutiny):
    document = small_meeting.items.get(kind=AgendaItemKind.DOCUMENT).document
    document.storage.delete(document.name)  # the upload went missing from storage
    build = PackBuild.objects.create(meeting=small_meeting, requested_by=scrutiny)
    assert packs.run(build.pk) == "failed"
    build.refresh_from_db()
    assert build.status == PackBuild.Status.FAILED and "could not be built" in build.error
    assert not Pack.objects.exists()


@pytest.mark.django_db
def test_build_pack_command_writes_the_same_pack(small_meeting, tmp_path, capsys):
    out = tmp_path / "pack.pdf"
    call_command("build_pack", str(small_meeting.pk), "--output", str(out))
    reader = PdfReader(out)
    assert "Page 1 of" in reader.pages[0].extract_text()
    assert f"{len(reader.pages)} pages" in capsys.readouterr().out
    call_command("build_pack", str(small_meeting.pk), "--output", str(out), "--part", "confidential")
    assert "Not for publication" in PdfReader(out).pages[0].extract_text()


@pytest.mark.django_db
def test_build_pack_command_refuses_a_missing_meeting(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no meeting 999"):
        call_command("build_pack", "999", "--output", str(tmp_path / "x.pdf"))


@pytest.mark.django_db
def test_the_progress_moves_as_items_are_laid_out(meeting, scrutiny, monkeypatch):
    seen = []
    real = packs._progress
    monkeypatch.setattr(
        packs,
        "_progress",
        lambda pk, lease, percent, step: (seen.append((percent, step)), real(pk, lease, percent, step)),
    )
    build = PackBuild.objects.create(meeting=meeting, requested_by=scrutiny)
    packs.run(build.pk)
    assert "Laying out the 5 changed items" in [step for _, step in seen]
    build.refresh_from_db()
    assert (build.items_to_render, build.items_rendered) == (
        5,
        5,
    )  # each moved the bar on (test_pack_assembly)
    percents = [percent for percent, _ in seen]
    assert percents == sorted(percents) and len(set(percents)) >= 4, seen


# The lease: a restarted build's old job stores nothing -------------------------------------------------------


def _stall(build):
    """The build's job started, and its worker died (kill -9): the heartbeat stops."""
    claimed, _lease = packs._claim(build.pk, build.job_id)
    assert claimed is not None
    stopped = timezone.now() - settings.PACK_BUILD_HEARTBEAT_TIMEOUT - timedelta(seconds=1)
    PackBuild.objects.filter(pk=build.pk).update(heartbeat_at=stopped, progress=16)
    build.refresh_from_db()
    assert services.is_stalled(build)
    return build


@pytest.mark.django_db
def test_restarting_a_stalled_build_and_then_letting_the_old_job_run_leaves_one_version(
    small_meeting, administrator
):
    from meetings.tasks import build_packs

    old = _stall(services.request_build(meeting=small_meeting, acting_user=administrator))
    fresh = services.restart_build(build=old, acting_user=administrator)
    assert fresh.pk != old.pk and fresh.job_id != old.job_id
    assert packs.run(fresh.pk, job_id=fresh.job_id).startswith("built")
    # The old job was revoked, but runs anyway (delivered again after its worker died).
    assert packs.run(old.pk, job_id=old.job_id) == "nothing to do"
    assert build_packs.run(old.pk) == "nothing to do"
    made = sorted(Pack.objects.filter(meeting=small_meeting).values_list("part", "version", "build"))
    assert made == [(PackPart.CONFIDENTIAL, 1, fresh.pk), (PackPart.PUBLIC, 1, fresh.pk)]
    old.refresh_from_db()
    assert (old.status, old.error) == (PackBuild.Status.FAILED, services.RESTARTED)


@pytest.mark.django_db
def test_an_old_job_still_working_when_its_build_is_restarted_stores_nothing(small_meeting, administrator):
    """The worker was not dead, only stuck past the heartbeat: restarted meanwhile, it stops at its next
    heartbeat and stores nothing, and the new build makes the one version."""
    old = services.request_build(meeting=small_meeting, acting_user=administrator)
    restarted = []

    def stuck_then_restarted():
        if not restarted:
            PackBuild.objects.filter(pk=old.pk).update(
                heartbeat_at=timezone.now() - settings.PACK_BUILD_HEARTBEAT_TIMEOUT - timedelta(seconds=1)
            )
            restarted.append(services.restart_build(build=old, acting_user=administrator))

    assert (
        packs.run(old.pk, pause=stuck_then_restarted, job_id=old.job_id)
        == "no longer this run's build: stopped"
    )
    assert not Pack.objects.filter(meeting=small_meeting).exists()
    (fresh,) = restarted
    assert packs.run(fresh.pk, job_id=fresh.job_id).startswith("built")
    assert sorted(Pack.objects.filter(meeting=small_meeting).values_list("part", "version")) == [
        (PackPart.CONFIDENTIAL, 1),
        (PackPart.PUBLIC, 1),
    ]


@pytest.mark.django_db
def test_a_job_that_is_not_the_builds_own_stores_nothing(small_meeting, administrator):
    """A failed build tried again gets a new job: the first job, delivered late, is not the build's."""
    build = PackBuild.objects.create(
        meeting=small_meeting,
        requested_by=administrator,
        status=PackBuild.Status.FAILED,
        job_id="the first job",
    )
    services.retry_build(build=build, acting_user=administrator)
    build.refresh_from_db()
    assert packs.run(build.pk, job_id="the first job") == "not this build's job: nothing stored"
    build.refresh_from_db()
    assert (build.status, build.attempts, build.lease) == (PackBuild.Status.QUEUED, 0, "")
    assert not Pack.objects.exists()


@pytest.mark.django_db
def test_a_running_build_renews_its_heartbeat(small_meeting, administrator, monkeypatch):
    build = services.request_build(meeting=small_meeting, acting_user=administrator)
    beats = []
    real = packs._beat
    monkeypatch.setattr(
        packs, "_beat", lambda pk, lease, **fields: (beats.append(lease), real(pk, lease, **fields))
    )
    packs.run(build.pk, job_id=build.job_id)
    build.refresh_from_db()
    assert len(beats) > 5 and set(beats) == {build.lease}
    assert build.heartbeat_at > build.requested_at


def test_each_worker_process_readies_itself_for_packs_as_it_starts(monkeypatch):
    """A new Celery worker process compiles the pack's templates and reads the URL configuration as it starts
    (meetings.packs.warm), so a build it is then given does not wait ~1.5 s on them."""
    from celery.signals import worker_process_init

    started = []
    monkeypatch.setattr(packs, "warm", lambda: started.append(True))
    worker_process_init.send(sender=None)
    assert started == [True]
    monkeypatch.undo()
    names = packs.warm()
    assert {"packs/front.html", "packs/stamp.html", "packs/item.html"} <= set(names)
    assert any(name.startswith("packs/items/") for name in names)
