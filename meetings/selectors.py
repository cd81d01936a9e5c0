"""Reads of meetings shared by the pages and the API: a meeting with its agenda, its packs, and the one pack
a person asks to download."""

from django.db.models import Count, Max, Prefetch, Q
from django.utils import timezone

from commissioning import formatting
from members.settled import Settlement

from . import permissions, rules
from .models import (
    AgendaItem,
    Attendance,
    ItemPdf,
    Meeting,
    MinutesVersion,
    Pack,
    PackPart,
    Publication,
    Resolution,
)


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


# The business of a meeting ---------------------------------------------------------------------------------


def attendance_of(meeting) -> list:
    """Who attended, in the order the minutes list them: members present, substitutes, apologies, absent,
    officers."""
    order = {s: n for n, s in enumerate(["present", "substitute", "apologies", "absent", "officer"])}
    rows = meeting.attendance.select_related("person", "substitute_for")
    return sorted(rows, key=lambda a: (order[a.status], a.person.last_name, a.person.first_name, a.pk))


def resolutions_of(user, meeting, detail: bool = True) -> list:
    """The meeting's resolutions in agenda order, each with `shown` (False for an exempt item's resolution
    the person may not read: they see that it was resolved, not what); with their settlements, votes and
    declarations when `detail` (the API), without (the meeting page shows the wording and the count)."""
    rows = (
        Resolution.objects.filter(item__meeting=meeting)
        .select_related("item")
        .order_by("item__position", "pk")
    )
    if detail:
        rows = rows.prefetch_related("settles", "votes__member", "item__declarations__member")
    rows = list(rows)
    confidential = None
    for row in rows:
        if row.item.confidential:
            if confidential is None:
                confidential = bool(permissions.can_download(user, meeting, part="confidential"))
            row.shown = confidential
        else:
            row.shown = True
    return rows


def approved_minutes(meeting) -> MinutesVersion | None:
    """The minutes of `meeting` as approved (frozen and published), newest version; None until approved.
    The public site reads this."""
    return meeting.minutes_versions.select_related("approved_at_item__meeting").order_by("-version").first()


def attendance_statistics(first_day):
    """Per member, in the municipal year starting `first_day`: the meetings they were expected at (as a
    member: present, apologies, absent), attended, apologies, absent, and meetings attended as a substitute.
    One aggregate query."""
    start, end = rules.year_bounds(first_day)
    status = Attendance.Status
    return (
        Attendance.objects.filter(
            meeting__starts_at__date__gte=start,
            meeting__starts_at__date__lt=end,
            status__in=[*Attendance.MEMBER_STATUSES, status.SUBSTITUTE],
        )
        .values("person_id", "person__first_name", "person__last_name", "person__username")
        .annotate(
            expected=Count("pk", filter=Q(status__in=Attendance.MEMBER_STATUSES)),
            present=Count("pk", filter=Q(status=status.PRESENT)),
            apologies=Count("pk", filter=Q(status=status.APOLOGIES)),
            absent=Count("pk", filter=Q(status=status.ABSENT)),
            substituting=Count("pk", filter=Q(status=status.SUBSTITUTE)),
        )
        .order_by("person__last_name", "person__first_name", "person_id")
    )


def municipal_years() -> list:
    """The first days of the municipal years with any attendance recorded, newest first (and this year)."""
    years = {rules.year_start(timezone.localdate())}
    for day in Meeting.objects.filter(attendance__isnull=False).dates("starts_at", "day").distinct():
        years.add(rules.year_start(day))
    return sorted(years, reverse=True)


def settlements(request_ids) -> dict:
    """Where each approval request was settled at a meeting (a source for members.settled)."""
    found: dict = {}
    rows = Resolution.settles.through.objects.filter(approvalrequest_id__in=request_ids).select_related(
        "resolution__item__meeting__board"
    )
    for row in rows:
        item = row.resolution.item
        meeting = item.meeting
        found.setdefault(row.approvalrequest_id, []).append(
            Settlement(
                f"{meeting.board}, meeting on {formatting.long_date(meeting.starts_at)}, item {item.position}: {item.title}",
                f"{meeting.get_absolute_url()}#item-{item.pk}",
            )
        )
    return found


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
