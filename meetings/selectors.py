"""Reads of meetings shared by the pages and the API: a meeting with its agenda, its packs, and the one pack
a person asks to download."""

from django.db.models import Prefetch

from . import permissions
from .models import AgendaItem, ItemPdf, Meeting, Pack, PackPart


def meetings_with_agendas():
    """Meetings with their board and their agenda items in order, the items' strategies with them."""
    items = AgendaItem.objects.select_related("strategy").order_by("position", "pk")
    return Meeting.objects.select_related("board").prefetch_related(Prefetch("items", queryset=items))


def packs_of(meeting):
    """Every pack built for `meeting`, each part's newest version first."""
    return meeting.packs.select_related("meeting__board", "built_by").order_by("part", "-version")


def downloadable_packs(user, meeting) -> list[Pack]:
    """The packs of `meeting` that `user` may download: one not theirs is not listed at all. The right is
    asked once per part, as the meeting page does, not once per version."""
    packs = list(packs_of(meeting))
    allowed = {part for part in {p.part for p in packs} if permissions.can_download(user, meeting, part=part)}
    return [pack for pack in packs if pack.part in allowed]


def downloadable_pack(user, pk) -> Pack | None:
    """The pack `pk` if `user` may download it; None alike for a pack that does not exist and one they may
    not have, so guessing numbers learns nothing."""
    pack = Pack.objects.select_related("meeting__board").filter(pk=pk).first()
    if pack is None or not permissions.can_download_pack(user, pack):
        return None
    return pack


def item_pdf(item) -> ItemPdf | None:
    """The PDF of one agenda item as its part's newest pack holds it (laid out once, kept in the item cache):
    the item's own download, for members and the public site. None until a pack holds it."""
    part = PackPart.CONFIDENTIAL if item.confidential else PackPart.PUBLIC
    pack = Pack.objects.filter(meeting_id=item.meeting_id, part=part).order_by("-version").first()
    key = next((e["key"] for e in pack.items if e["item"] == item.pk), None) if pack else None
    return ItemPdf.objects.filter(key=key).first() if key else None


def item_pdfs(meeting) -> dict[int, ItemPdf]:
    """Each agenda item's PDF in its part's newest pack (item pk → ItemPdf): two queries for the agenda."""
    keys = {}
    for part in PackPart.values:
        pack = Pack.objects.filter(meeting=meeting, part=part).order_by("-version").first()
        for entry in pack.items if pack else []:
            keys[entry["key"]] = entry["item"]
    return {keys[pdf.key]: pdf for pdf in ItemPdf.objects.filter(key__in=keys)}
