"""Board meetings, their agendas and work programmes, and the packs built for them. The tables keep the names
they had in `members` (db_table), so moving the models here lost no row."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from commissioning import formatting, limits
from commissioning.exempt import EXEMPT_INFORMATION
from commissioning.models import Versioned
from members.models import ApprovalRequest, Board, Immutable


class Meeting(Versioned):
    """A meeting of a board, with its agenda. Its packs are built from live data when asked for."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField("date and time")
    venue = models.CharField(max_length=200)
    minutes = models.TextField(
        blank=True,
        help_text="The minutes of this meeting, once taken. The next meeting's pack includes them.",
        **limits.text_limit(limits.MINUTES),
    )
    history = HistoricalRecords(table_name="members_historicalmeeting")

    class Meta:
        db_table = "members_meeting"
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["board", "starts_at"])]

    def __str__(self):
        return f"{self.board}, {formatting.long_date(self.starts_at)}"

    def get_absolute_url(self):
        return reverse("meetings:meeting", args=[self.pk])

    @property
    def is_past(self) -> bool:
        return self.starts_at < timezone.now()


class AgendaItemKind(models.TextChoices):
    """The kinds of agenda item, as stored. Each has its entry in meetings.items (what it needs, how its report
    is read and laid out); MeetingsConfig.ready() refuses to start if the two differ."""

    STRATEGY = "strategy", "Strategy: the outcomes for approval"
    PLAN = "plan", "Plan: services, delivery and commercial model for approval"
    HIGHLIGHT = "highlight", "Highlight report"
    GATEWAY = "gateway", "Gateway review"
    RECOMMENDATIONS = "recommendations", "Scrutiny recommendations"
    DECISIONS = "decisions", "Decision summaries"
    MINUTES = "minutes", "Minutes of the last meeting"
    DOCUMENT = "document", "An uploaded document"


class AgendaItem(Versioned):
    kind = models.CharField(max_length=20, choices=AgendaItemKind.choices)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    strategy = models.ForeignKey(
        "strategies.Strategy", on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )
    document = models.FileField("PDF document", upload_to="agenda/%Y/%m/", blank=True)
    document_pages = models.PositiveIntegerField(default=0, editable=False)
    # Whether the uploaded PDF is tagged (a screen reader can follow it), checked on upload; None: no document,
    # or uploaded before the check.
    document_tagged = models.BooleanField(null=True, blank=True, editable=False)
    confidential = models.BooleanField(
        "exempt from publication",
        default=False,
        help_text="Exempt items go into a separate confidential pack that only entitled people can download.",
    )
    exemption = models.CharField("reason for exemption", max_length=2, choices=EXEMPT_INFORMATION, blank=True)
    history = HistoricalRecords(table_name="members_historicalagendaitem")

    class Meta:
        db_table = "members_agendaitem"
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confidential=False) | ~models.Q(exemption=""),
                name="exempt_item_says_why",
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"


class WorkProgrammeItem(Versioned):
    """A board's work programme: something it means to consider at a future meeting ("an update report in
    six months"). It becomes an agenda item when the first meeting on or after its date is set up."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="work_programme")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=AgendaItemKind.choices)
    strategy = models.ForeignKey(
        "strategies.Strategy", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    due_from = models.DateField("for the first meeting on or after")
    notes = models.TextField(blank=True, **limits.text_limit(limits.SUMMARY))
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="planned"
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(table_name="members_historicalworkprogrammeitem")

    class Meta:
        db_table = "members_workprogrammeitem"
        ordering = ["board", "due_from", "pk"]

    def __str__(self):
        return f"{self.title} (from {self.due_from:%B %Y})"


class PackPart(models.TextChoices):
    PUBLIC = "public", "Public pack"
    CONFIDENTIAL = "confidential", "Confidential pack (exempt items)"


class PackBuild(models.Model):
    """One request to build a meeting's packs, worked by a Celery job. The job may run more than once (a
    worker killed mid-build is delivered again); it makes each part's pack once, under a row lock, and
    only while it holds the build's lease (meetings.packs.run)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for a worker"
        RUNNING = "running", "Building"
        DONE = "done", "Built"
        FAILED = "failed", "Failed"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="builds")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The job meant to work this build (its Celery task id, from the outbox): any other job stores nothing.
    job_id = models.CharField(max_length=64, blank=True)
    # The lease: the run now working the build, and its heartbeat. A run whose lease was taken (a restart,
    # or its own job delivered again after it died) stops at its next heartbeat and stores nothing.
    lease = models.CharField(max_length=64, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # The agenda items this build had to render (not found in the item cache), and how many are done: the
    # progress bar moves per item, whichever worker renders it.
    items_to_render = models.PositiveIntegerField(default=0)
    items_rendered = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "members_packbuild"
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"Build of the packs for {self.meeting} ({self.get_status_display().lower()})"

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class Pack(Immutable):
    """A built pack: a PDF stored once with its SHA-256 and never changed. Rebuilding makes a new version."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="packs")
    part = models.CharField(max_length=20, choices=PackPart.choices)
    version = models.PositiveIntegerField()
    build = models.ForeignKey(PackBuild, on_delete=models.PROTECT, related_name="packs")
    file = models.FileField(upload_to="packs/%Y/%m/")
    sha256 = models.CharField("SHA-256", max_length=64)
    pages = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    built_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    built_at = models.DateTimeField(default=timezone.now)
    # The open PDF/UA checker's summary of this version (meetings.pdf_tags.check) and its untagged appendices,
    # made as it was built; {} for versions built before the check.
    accessibility = models.JSONField(default=dict, blank=True, editable=False)
    # What it was built from: the SHA-256 of its inputs (meetings.packs.Plan.digest; a build finding the same
    # stores no new version), and its items in order, each with its item PDF's key and its pages in this pack.
    inputs = models.CharField(max_length=64, blank=True, editable=False)
    items = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        db_table = "members_pack"
        ordering = ["meeting", "part", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "part", "version"], name="one_pack_per_version"),
            models.UniqueConstraint(fields=["build", "part"], name="one_pack_per_build_part"),
        ]

    def __str__(self):
        return f"{self.get_part_display()} for {self.meeting}, version {self.version}"

    def get_absolute_url(self):
        return reverse("meetings:pack", args=[self.pk])

    @property
    def filename(self) -> str:
        day = timezone.localtime(self.meeting.starts_at)
        board = "".join(c if c.isalnum() else "-" for c in self.meeting.board.name.lower()).strip("-")
        return f"{board}-{day:%Y-%m-%d}-{self.part}-v{self.version}.pdf"


# The business of a meeting: attendance, declarations, resolutions and the minutes ---------------------------


def validate_fraction(value: str) -> None:
    """A quorum fraction as the constitution writes it: "1/4", "1/3"."""
    from django.core.exceptions import ValidationError

    top, _, bottom = value.partition("/")
    if not (top.isdigit() and bottom.isdigit() and 0 < int(top) <= int(bottom)):
        raise ValidationError("Enter a fraction like 1/4 or 1/3")


class BoardQuorum(models.Model):
    """A board's own quorum, where its terms of reference set one; otherwise the council's default
    (settings.MEETING_QUORUM_FRACTION and MEETING_QUORUM_MINIMUM). Either a fixed number of members, or a
    fraction of the board's members with a minimum."""

    board = models.OneToOneField(Board, on_delete=models.CASCADE, related_name="quorum")
    number = models.PositiveSmallIntegerField(
        "a fixed number of members", null=True, blank=True, help_text="Leave blank to use a fraction."
    )
    fraction = models.CharField(
        "a fraction of its members", max_length=9, blank=True, validators=[validate_fraction]
    )
    minimum = models.PositiveSmallIntegerField("and never fewer than", null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"Quorum of {self.board}"


class Attendance(models.Model):
    """Who was at a meeting, and as what: a member present, sending apologies or absent; a substitute
    sitting for a member; an officer in attendance. Substitutes count towards the quorum; officers do not."""

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"
        SUBSTITUTE = "substitute", "Substitute"
        OFFICER = "officer", "Officer in attendance"

    MEMBER_STATUSES = (Status.PRESENT, Status.APOLOGIES, Status.ABSENT)
    VOTING = (Status.PRESENT, Status.SUBSTITUTE)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attended")
    status = models.CharField(max_length=12, choices=Status.choices)
    substitute_for = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField("role", max_length=200, blank=True, help_text="An officer's job title.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "status", "person__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person"),
            models.CheckConstraint(
                condition=models.Q(status="substitute", substitute_for__isnull=False)
                | (~models.Q(status="substitute") & models.Q(substitute_for__isnull=True)),
                name="substitute_names_whom",
            ),
        ]

    def __str__(self):
        if self.status == self.Status.SUBSTITUTE:
            return f"{self.person} (substitute for {self.substitute_for})"
        if self.status == self.Status.OFFICER and self.role:
            return f"{self.person}, {self.role}"
        return str(self.person)


class Declaration(models.Model):
    """An interest a member declared at a meeting on one agenda item. A disclosable pecuniary interest bars
    them from voting on it unless a dispensation covers it (Localism Act 2011 ss.31 and 33;
    meetings.permissions.may_vote)."""

    class Kind(models.TextChoices):
        PECUNIARY = "dpi", "Disclosable pecuniary interest"
        OTHER = "other", "Other registrable or non-registrable interest"
        NONE = "none", "Confirmed no interest"

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="declarations")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField("the interest", blank=True, **limits.text_limit(limits.SUMMARY))
    dispensation = models.CharField(
        max_length=300,
        blank=True,
        help_text="A dispensation that lets them take part: who granted it, when, and until when.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "member__last_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="one_declaration_per_item")]

    def __str__(self):
        return f"{self.member}: {self.get_kind_display().lower()}" + (f" ({self.text})" if self.text else "")


class Outcome(models.TextChoices):
    CARRIED = "carried", "Resolved (carried)"
    LOST = "lost", "Lost"
    NOTED = "noted", "Noted (no vote)"


class Resolution(Versioned):
    """What the board resolved on one agenda item: the wording, the vote, the discussion, and the approvals
    it settles. An approval settled here names this meeting and item on its page and its decision record
    (members.settled, registered in MeetingsConfig.ready)."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="resolution")
    wording = models.TextField("resolution", **limits.text_limit(limits.SUMMARY))
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.CARRIED)
    unanimous = models.BooleanField(default=False)
    votes_for = models.PositiveSmallIntegerField("for", null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField("against", null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(null=True, blank=True)
    discussion = models.TextField("discussion notes", blank=True, **limits.text_limit(limits.NOTE))
    settles = models.ManyToManyField(ApprovalRequest, blank=True, related_name="+")
    history = HistoricalRecords(m2m_fields=[settles])

    class Meta:
        ordering = ["item__meeting", "item__position"]

    def __str__(self):
        return f"Resolution on item {self.item.position}, {self.item.title}"


class Vote(models.Model):
    """A member's vote in a recorded (named) vote on a resolution."""

    class Way(models.TextChoices):
        FOR = "for", "For"
        AGAINST = "against", "Against"
        ABSTAIN = "abstain", "Abstained"

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    way = models.CharField(max_length=10, choices=Way.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["resolution", "member__last_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["resolution", "member"], name="one_vote_per_member")]

    def __str__(self):
        return f"{self.member}: {self.get_way_display().lower()}"


class MinutesVersion(Immutable):
    """The minutes of a meeting as approved as a correct record at a later meeting of the board: frozen
    (never changed; the meeting's record can no longer be edited), fingerprinted like a pack (SHA-256) and
    published. A correction approved later would be a new version."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="minutes_versions")
    version = models.PositiveIntegerField()
    text = models.TextField(**limits.text_limit(limits.MINUTES))
    sha256 = models.CharField("SHA-256", max_length=64)
    approved_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The agenda item of the later meeting at which they were approved.
    approved_at_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="approved_minutes"
    )

    class Meta:
        ordering = ["meeting", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="one_minutes_per_version"),
        ]

    def __str__(self):
        return f"Minutes of {self.meeting}, version {self.version}"


class ItemPdf(models.Model):
    """One agenda item laid out alone as a tagged PDF, kept under the SHA-256 of everything it shows (its
    HTML, the stylesheets, the layout's version, its appendix): a pack is assembled from these, and an item
    whose inputs have not changed is not laid out again. Also the item's own download. Those no newest pack
    uses are deleted after PACK_ITEM_CACHE_DAYS (meetings.packs.forget_unused_item_pdfs)."""

    key = models.CharField(max_length=64, unique=True)
    item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="pdfs"
    )
    file = models.FileField(upload_to="packs/items/%Y/%m/")
    sha256 = models.CharField("SHA-256", max_length=64)
    pages = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    made_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(default=timezone.now)
    # The open PDF/UA checker's findings on this item alone (meetings.pdf_tags.check), made where it is laid
    # out: a pack's summary combines its items' with the checks that concern the pack as a whole.
    accessibility = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-made_at", "-pk"]

    def __str__(self):
        return f"Item PDF {self.key[:12]} ({self.pages} pages)"


class FrontPdf(models.Model):
    """A pack part's own pages laid out (its cover, agenda and contents; the sample its item pages are
    stamped from), kept under the SHA-256 of their HTML and the layout: a rebuild whose front reads the same
    (one report changed, no page moved) does not lay it out again. Those unused for PACK_ITEM_CACHE_DAYS are
    deleted with the unused item PDFs."""

    key = models.CharField(max_length=64, unique=True)
    file = models.FileField(upload_to="packs/fronts/%Y/%m/")
    pages = models.PositiveIntegerField()
    accessibility = models.JSONField(default=dict, blank=True, editable=False)
    used_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Front PDF {self.key[:12]} ({self.pages} pages)"


class Publication(Immutable):
    """One published version of a meeting's agenda, frozen: the agenda as the public saw it (its items, the
    exempt ones by title and paragraph only, each public item's report as it read), its SHA-256, and the pack
    build started by publishing it. Version 1 is the agenda; each later version a supplement, listing exactly
    what changed since the one before. Published late (after meetings.timetable.deadline), it carries the
    chair's reasons for urgency."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="publications")
    version = models.PositiveIntegerField()
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    deadline = models.DateField("publication deadline")
    clear_days = models.PositiveSmallIntegerField("clear working days before the meeting")
    urgency_reasons = models.TextField("reasons for urgency", blank=True, **limits.text_limit(limits.SUMMARY))
    urgency_agreed_by = models.CharField("chair agreeing the urgency", max_length=200, blank=True)
    snapshot = models.JSONField(editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, editable=False)
    changes = models.JSONField(default=list, editable=False)
    build = models.ForeignKey(PackBuild, on_delete=models.PROTECT, null=True, related_name="publications")

    class Meta:
        db_table = "meetings_publication"
        ordering = ["meeting", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="one_publication_per_version"),
        ]

    def __str__(self):
        return f"{self.label} of {self.meeting}"

    @property
    def label(self) -> str:
        return "Agenda" if self.version == 1 else f"Supplement {self.version - 1}"

    @property
    def late(self) -> bool:
        return timezone.localtime(self.published_at).date() > self.deadline
