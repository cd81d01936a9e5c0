"""What publishing an agenda freezes, and what a supplement says changed. The snapshot is the agenda as the
public reads it: each item by position and title; an exempt item by its Schedule 12A paragraph and nothing else;
each public item's report rendered as it reads at publication (from the same reports the pack lays out,
meetings.pack_content). Its SHA-256 is taken over the snapshot's canonical JSON."""

import contextlib
import hashlib
import io
import json
from datetime import datetime

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from commissioning import formatting
from commissioning.exempt import EXEMPT_INFORMATION

from . import pack_content
from .models import AgendaItemKind

PARAGRAPHS = dict(EXEMPT_INFORMATION)


def snapshot(meeting, items) -> dict:
    reports = pack_content.gather(meeting, [i for i in items if not i.confidential])
    frozen = []
    for item in items:
        entry = {
            "id": item.pk,
            "position": item.position,
            "title": item.title,
            "kind": item.kind,
            "kind_label": AgendaItemKind(item.kind).label,
            "confidential": item.confidential,
        }
        if item.confidential:  # exempt: its title and paragraph, nothing more
            entry["exemption"] = item.exemption
            entry["exemption_label"] = PARAGRAPHS.get(item.exemption, "")
        else:
            report = reports.get(item.pk)
            body = render_to_string(report.template, report.context) if report else ""
            entry |= {
                "strategy": item.strategy.reference if item.strategy_id else "",
                "body": body,
                "body_sha256": hashlib.sha256(body.encode()).hexdigest(),
                "document_pages": item.document_pages if item.document else 0,
                "document_untagged": bool(item.document) and item.document_tagged is False,
            }
        frozen.append(entry)
    return {
        "starts_at": meeting.starts_at.isoformat(),
        "venue": meeting.venue,
        "items": frozen,
    }


def sha256_of(frozen: dict) -> str:
    return hashlib.sha256(json.dumps(frozen, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def _named(entry) -> str:
    return f"{entry['position']}. {entry['title']}"


def changes(before: dict | None, after: dict) -> list[str]:
    """Every difference a reader of `before` needs to know, in plain words; [] when nothing changed."""
    if before is None:
        return []
    found = []
    if before["starts_at"] != after["starts_at"]:
        when = timezone.localtime(datetime.fromisoformat(after["starts_at"]))
        found.append(f"The meeting is now at {formatting.clock(when)} on {formatting.long_date(when)}.")
    if before["venue"] != after["venue"]:
        found.append(f"The meeting is now at {after['venue']}.")
    old = {e["id"]: e for e in before["items"]}
    new = {e["id"]: e for e in after["items"]}
    for entry in after["items"]:
        was = old.get(entry["id"])
        if was is None:
            found.append(f"Added: item {_named(entry)}.")
            continue
        if was["title"] != entry["title"]:
            found.append(f"Item {entry['position']} retitled: “{was['title']}” is now “{entry['title']}”.")
        if was["position"] != entry["position"]:
            found.append(f"“{entry['title']}” moved from item {was['position']} to item {entry['position']}.")
        if was["confidential"] != entry["confidential"]:
            if entry["confidential"]:
                found.append(f"Item {_named(entry)} is now exempt ({entry['exemption_label']}).")
            else:
                found.append(f"Item {_named(entry)} is no longer exempt: its report is published.")
        elif not entry["confidential"] and was.get("body_sha256") != entry.get("body_sha256"):
            found.append(f"Item {_named(entry)}: the report is revised.")
        elif not entry["confidential"] and was.get("document_pages") != entry.get("document_pages"):
            found.append(f"Item {_named(entry)}: the document is replaced.")
        elif entry["confidential"] and was.get("exemption") != entry.get("exemption"):
            found.append(
                f"Item {_named(entry)} is now exempt under {entry['exemption_label'].split(':')[0]}."
            )
    for entry in before["items"]:
        if entry["id"] not in new:
            found.append(f"Withdrawn: item {_named(entry)}.")
    return found


# The frozen pack, item by item -------------------------------------------------------------------------------

PAGES_CACHE_SECONDS = 30 * 24 * 3600  # a stored pack never changes: its page ranges neither


def item_pages(pack) -> dict[int, tuple[int, int]]:
    """Each item's pages in a stored pack, numbered from 1 as its footers number them: as the build recorded
    them, or, for a pack built whole, from the page its heading is on (the anchor `item-<pk>` the pack's HTML gives it, a named destination in the PDF) to the page before
    the next item's. Read once per pack and cached: a pack never changes."""
    if pack.items and all("first_page" in e for e in pack.items):
        # Assembled from item PDFs (meetings.assembly): the build recorded each item's pages.
        return {e["item"]: (e["first_page"], e["first_page"] + max(e["pages"], 1) - 1) for e in pack.items}
    key = f"pack-item-pages:{pack.pk}:{pack.sha256}"
    found = None
    with contextlib.suppress(Exception):  # a cache that is down costs a read of the file, nothing more
        found = cache.get(key)
    if found is not None:
        return {int(k): tuple(v) for k, v in found.items()}
    with pack.file.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    starts = sorted(
        (reader.get_destination_page_number(dest) + 1, int(name.removeprefix("item-")))
        for name, dest in reader.named_destinations.items()
        if name.startswith("item-") and name.removeprefix("item-").isdigit()
    )
    found = {}
    for n, (first, item_id) in enumerate(starts):
        last = starts[n + 1][0] - 1 if n + 1 < len(starts) else len(reader.pages)
        found[item_id] = (first, max(first, last))
    with contextlib.suppress(Exception):
        cache.set(key, found, PAGES_CACHE_SECONDS)
    return found


def item_file(pack, item_id: int) -> bytes | None:
    """One item's report as its own PDF: its pages of the frozen pack, so its page numbers are the pack's.
    None when the item is not in the pack. (The one place to serve an item's PDF from: a per-item cache can
    answer here instead.)"""
    pages = item_pages(pack).get(item_id)
    if pages is None:
        return None
    with pack.file.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    writer = PdfWriter()
    for number in range(pages[0] - 1, pages[1]):
        writer.add_page(reader.pages[number])
    writer.add_metadata({"/Title": f"{pack.meeting.board}: item pages {pages[0]} to {pages[1]}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
