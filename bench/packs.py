"""How long a meeting pack takes to build, and how much of that is WeasyPrint's own rendering.

    python bench/packs.py [--scales 1 3] [--database sqlite|postgres]

For each scale, on a fresh database seeded with `seed_demo --scale N`, a meeting of the Executive is set
up whose agenda holds every strategy with its plans, highlight report, key-project assessment and gateway
reviews, and the decisions made since the last meeting. Then, each in a fresh child process (so each peak
memory figure is its own):

  * the whole build, as the Celery job does it: gather the reports, render the templates, lay out and
    write the PDF with WeasyPrint;
  * WeasyPrint alone, rendering the same final HTML to PDF.

Prints pages, seconds for each, their ratio (aim: at most 1.2) and peak memory (aim: under 1 GB for a
300-page pack, and flat per page as the pack grows).
"""

import argparse
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from fresh import measure_in_child

ROOT = Path(__file__).resolve().parent.parent


def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commissioning.settings")
    import django

    django.setup()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _whole_build(meeting_id, html_path, out):
    """The job's own code path (meetings.packs.render_part after pack_content.gather), timed end to end."""
    from meetings import pack_content, packs
    from meetings.models import Meeting, PackPart

    started = time.perf_counter()
    meeting = Meeting.objects.select_related("board").get(pk=meeting_id)
    items = packs.agenda(meeting)
    reports = pack_content.gather(meeting, items)
    gathered = time.perf_counter() - started
    pdf, pages, html = packs.render_part(meeting, items, PackPart.PUBLIC, reports)
    seconds = time.perf_counter() - started
    Path(html_path).write_text(html)
    out.put(
        {"seconds": seconds, "gather": gathered, "pages": pages, "bytes": len(pdf), "peak_mb": _peak_mb()}
    )


def _weasyprint_alone(html_path, out):
    """The same final HTML, rendered by WeasyPrint with the same fetcher and options, nothing else."""
    from meetings import packs

    html = Path(html_path).read_text()
    started = time.perf_counter()
    pdf, pages = packs.render_pdf(html)
    out.put(
        {"seconds": time.perf_counter() - started, "pages": pages, "bytes": len(pdf), "peak_mb": _peak_mb()}
    )


def _in_child(target, *args) -> dict:
    from django.db import connections

    connections.close_all()  # the child opens its own
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=target, args=(*args, queue))
    child.start()
    result = queue.get()
    child.join()
    return result


def measure(scale: int) -> dict:
    _setup()
    from django.core.management import call_command
    from django.utils import timezone

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", scale=scale, verbosity=0)
    seeded = time.perf_counter() - started

    from commissioning.models import User
    from delivery.models import Kpi
    from meetings import services
    from meetings.models import AgendaItemKind
    from members.models import Board
    from strategies.models import Stage, Strategy

    admin = User.objects.get(username="admin")
    executive = Board.objects.get(kind=Board.Kind.EXECUTIVE)
    meeting = services.create_meeting(
        board=executive, starts_at=timezone.now() + timezone.timedelta(days=60), venue="Council Chamber",
        acting_user=admin,
    )  # fmt: skip
    strategies = list(Strategy.objects.order_by("reference"))  # all of them, an archived one too
    measured = set(Kpi.objects.values_list("strategy_id", flat=True))
    for s in strategies:
        services.add_item(
            meeting=meeting,
            acting_user=admin,
            kind=AgendaItemKind.STRATEGY,
            title=f"{s.title}: outcomes",
            strategy=s,
        )
        if s.stage in (Stage.PLAN, Stage.DO, Stage.REVIEW):
            services.add_item(
                meeting=meeting,
                acting_user=admin,
                kind=AgendaItemKind.PLAN,
                title=f"{s.title}: plan",
                strategy=s,
            )
        if s.pk in measured:  # delivering now, or last cycle's performance as the strategy goes round again
            services.add_item(
                meeting=meeting, acting_user=admin, kind=AgendaItemKind.HIGHLIGHT, title=f"{s.title}: highlight report", strategy=s
            )  # fmt: skip
        # The key-project assessment of every strategy, and its gateway reviews.
        services.add_item(
            meeting=meeting,
            acting_user=admin,
            kind=AgendaItemKind.GATEWAY,
            title=f"{s.title}: gateway",
            strategy=s,
        )
    services.add_item(
        meeting=meeting,
        acting_user=admin,
        kind=AgendaItemKind.DECISIONS,
        title="Decisions since the last meeting",
    )
    baseline = _peak_mb()
    html_path = Path(tempfile.mkdtemp(prefix="bench-pack-")) / "pack.html"
    whole = _in_child(_whole_build, meeting.pk, str(html_path))
    alone = _in_child(_weasyprint_alone, str(html_path))
    return {
        "scale": scale,
        "strategies": len(strategies),
        "items": meeting.items.count(),
        "seeded": round(seeded, 1),
        "baseline_mb": round(baseline),
        "whole": whole,
        "alone": alone,
        "html_kb": round(html_path.stat().st_size / 1024),
    }


def run_scale(scale: int, database: str) -> dict:
    return measure_in_child(__file__, scale, database, f"commissioning_bench_packs_{scale}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 3])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    results = [run_scale(scale, args.database) for scale in args.scales]
    print(
        "Meeting pack of every strategy with its plans, highlight report and gateway reviews, and the decisions "
        f"since the last meeting ({args.database})"
    )
    print(
        f"{'scale':>5} {'strategies':>10} {'items':>6} {'pages':>6} {'build s':>8} {'of which gather s':>17} "
        f"{'WeasyPrint s':>12} {'ratio':>6} {'peak MB build':>13} {'peak MB WP':>10} {'MB/page':>8} {'KB PDF':>7}"
    )
    verdicts = []
    for r in results:
        whole, alone = r["whole"], r["alone"]
        ratio = whole["seconds"] / alone["seconds"]
        per_page = (whole["peak_mb"] - r["baseline_mb"]) / whole["pages"]
        r["ratio"], r["per_page"] = ratio, per_page
        print(
            f"{r['scale']:>5} {r['strategies']:>10} {r['items']:>6} {whole['pages']:>6} {whole['seconds']:>8.1f} "
            f"{whole['gather']:>17.2f} {alone['seconds']:>12.1f} {ratio:>6.2f} {whole['peak_mb']:>13.0f} "
            f"{alone['peak_mb']:>10.0f} {per_page:>8.2f} {whole['bytes'] / 1024:>7.0f}"
        )
        verdicts.append(("ratio ≤ 1.2", ratio <= 1.2, f"scale {r['scale']}: {ratio:.2f}"))
    smallest = results[0]["whole"]  # the ~300-page pack
    verdicts.append(
        ("≥ 300 pages at the first scale", smallest["pages"] >= 300, f"{smallest['pages']} pages")
    )
    verdicts.append(
        ("peak < 1 GB for that pack", smallest["peak_mb"] < 1024, f"{smallest['peak_mb']:.0f} MB")
    )
    if len(results) > 1:
        first, last = results[0]["per_page"], results[-1]["per_page"]
        verdicts.append(
            ("memory per page flat (within 25%)", last <= first * 1.25, f"{first:.2f} → {last:.2f} MB/page")
        )
    print(
        f"(baseline process memory before building: {results[0]['baseline_mb']} MB; MB/page = (peak - baseline) / pages)"
    )
    for name, ok, detail in verdicts:
        print(f"{'PASS' if ok else 'MISS'}: {name} ({detail})")
    return 0 if all(ok for _, ok, _ in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
