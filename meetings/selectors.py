"""Reads of meetings shared by the pages and the API: a meeting with its agenda, its packs, and the one pack
a person asks to download."""

from django.db.models import Max, Prefetch

from . import permissions
from .models import AgendaItem, Meeting, Pack, PackPart, Publication


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


# What the public may read: only what has been published, as it was published ---------------------------------


def published_meetings():
    """Meetings whose agenda has been published, each with the number of its latest version."""
    return (
        Meeting.objects.select_related("board")
        .annotate(published_version=Max("publications__version"))
        .filter(published_version__isnull=False)
    )


def latest_publication(meeting) -> Publication | None:
    return meeting.publications.order_by("-version").first()


def publications_of(meeting) -> list[Publication]:
    """Every published version of the agenda, newest first, each with its public pack (None while it builds)."""
    versions = list(meeting.publications.select_related("published_by").order_by("-version"))
    built = {
        p.build_id: p
        for p in Pack.objects.filter(
            build__in=[v.build_id for v in versions if v.build_id], part=PackPart.PUBLIC
        )
    }
    for version in versions:
        version.public_pack = built.get(version.build_id)
    return versions


def published_item(publication, item_id: int) -> dict | None:
    """A public item of a published version (its frozen entry); None for an exempt item or one not in it."""
    for entry in publication.snapshot["items"]:
        if entry["id"] == item_id and not entry["confidential"]:
            return entry
    return None
