"""Councillors, their boards, and what they do with strategies: approve (the Executive's portfolio
holders) and scrutinise (the board a strategy is referred to). DOMAIN.md, "Councillors: approval and
scrutiny": members approve each strategy with its outcomes and each plan with its services and delivery
analyses and commercial model; scrutiny sees proposed outcomes early; decisions are documented in a
summary that members elected later can read."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from commissioning import formatting, limits
from commissioning.models import Versioned


class ImmutableRecord(Exception):  # noqa: N818 - a rule, said in words
    pass


class Immutable(models.Model):
    """A record that is written once and never changed or deleted: a decision stays as it was made."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecord(f"A {self._meta.verbose_name} cannot be changed once made.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecord(f"A {self._meta.verbose_name} cannot be deleted.")


class CouncillorProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="councillor_profile"
    )
    ward = models.CharField(max_length=200)
    party = models.CharField(max_length=100)
    portfolio = models.CharField(
        max_length=200, blank=True, help_text="For an executive member, the portfolio they hold."
    )
    co_opted = models.BooleanField(
        "co-opted member",
        default=False,
        help_text="A co-opted member with a vote keeps a register of interests as councillors do.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self):
        return f"{self.user} ({self.party}, {self.ward})"


class Board(models.Model):
    """The Executive, a scrutiny board or committee, or the gateway panel. Its members are the members
    of its auth group, so object rights given to the group (a strategy referred to a scrutiny board)
    follow membership: whoever leaves the board loses them."""

    class Kind(models.TextChoices):
        EXECUTIVE = "executive", "Executive"
        SCRUTINY_MANAGEMENT = "scrutiny_management", "Overview and Scrutiny Management Board"
        SCRUTINY_COMMITTEE = "scrutiny_committee", "Scrutiny committee"
        GATEWAY_PANEL = "gateway_panel", "Gateway panel"

    SCRUTINY_KINDS = (Kind.SCRUTINY_MANAGEMENT, Kind.SCRUTINY_COMMITTEE)

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    remit = models.TextField(
        blank=True,
        help_text="What the board is for, in a sentence or two.",
        **limits.text_limit(limits.SUMMARY),
    )
    group = models.OneToOneField(Group, on_delete=models.PROTECT, editable=False, related_name="board")
    history = HistoricalRecords(excluded_fields=["group"])

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:board", args=[self.pk])

    @property
    def is_scrutiny(self) -> bool:
        return self.kind in self.SCRUTINY_KINDS

    @staticmethod
    def group_name(name: str) -> str:
        return f"Board: {name}"[:150]


class BoardMembership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(default=timezone.localdate)
    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "role", "member__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "member"], name="one_membership_per_board"),
            models.UniqueConstraint(
                fields=["board"], condition=models.Q(role="chair"), name="one_chair_per_board"
            ),
            models.UniqueConstraint(
                fields=["board"], condition=models.Q(role="vice_chair"), name="one_vice_chair_per_board"
            ),
        ]

    def __str__(self):
        return f"{self.member}, {self.get_role_display().lower()} of {self.board}"


class PortfolioHolder(models.Model):
    """A strategy assigned to an executive member, who may approve it (and only the strategies
    assigned to them). The right itself is a django-guardian object permission kept in step."""

    strategy = models.ForeignKey(
        "strategies.Strategy", on_delete=models.CASCADE, related_name="portfolio_holders"
    )
    councillor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portfolio_strategies"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["councillor__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "councillor"], name="one_assignment_per_councillor")
        ]

    def __str__(self):
        return f"{self.councillor} holds {self.strategy.reference}"


class Referral(models.Model):
    """A strategy referred to a scrutiny board, whose members may scrutinise it."""

    strategy = models.OneToOneField("strategies.Strategy", on_delete=models.CASCADE, related_name="referral")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="referrals")
    referred_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.strategy.reference} referred to {self.board}"


class AssignmentRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)


class AssignmentRequest(models.Model):
    """A commissioner's request that an administrator assign a portfolio holder or refer the strategy to a
    scrutiny board, where a step needs one and none is assigned. It appears in every administrator's tasks
    and is closed (and the asker told) when the assignment is made, or by an administrator with a reason."""

    class What(models.TextChoices):
        PORTFOLIO_HOLDER = "portfolio_holder", "a portfolio holder"
        SCRUTINY_BOARD = "scrutiny_board", "a scrutiny board"

    strategy = models.ForeignKey(
        "strategies.Strategy", on_delete=models.CASCADE, related_name="assignment_requests"
    )
    what = models.CharField(max_length=20, choices=What.choices)
    note = models.CharField("anything the administrator should know", max_length=300, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    objects = AssignmentRequestQuerySet.as_manager()

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [
            # Asked once: a second ask while one is open for the same thing is the same request.
            models.UniqueConstraint(
                fields=["strategy", "what"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_assignment_request",
            )
        ]

    def __str__(self):
        return f"Assign {self.get_what_display()} to {self.strategy.reference}"


class Subject(models.TextChoices):
    """What councillors are asked to approve (DOMAIN.md)."""

    OUTCOMES = "outcomes", "The strategy and its outcomes"
    PLAN = "plan", "The plan, with its services and delivery analyses and commercial model"


class Rule(models.TextChoices):
    ANY = "any", "Any one approver"
    ALL = "all", "Every approver"
    MAJORITY = "majority", "A majority of the approvers"


class ApprovalRequest(models.Model):
    """A commissioner's request that named councillors approve one version of a strategy's outcomes or
    of a plan. The version is the snapshot taken when asking; decisions are of that snapshot."""

    class Status(models.TextChoices):
        OPEN = "open", "Awaiting decisions"
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        REFUSED = "refused", "Refused"
        WITHDRAWN = "withdrawn", "Withdrawn"

    strategy = models.ForeignKey(
        "strategies.Strategy", on_delete=models.PROTECT, related_name="approval_requests"
    )
    plan = models.ForeignKey(
        "plans.CommissioningPlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approval_requests",
    )
    cycle = models.PositiveIntegerField()
    subject = models.CharField(max_length=20, choices=Subject.choices)
    rule = models.CharField("decision rule", max_length=10, choices=Rule.choices, default=Rule.ALL)
    approvers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="approvals_to_decide")
    note = models.TextField(
        "what you are asking for",
        blank=True,
        help_text="Anything the approvers should know.",
        **limits.text_limit(limits.SUMMARY),
    )
    decision_due = models.DateField("decision needed by", null=True, blank=True)
    key_decision = models.BooleanField(
        "a key decision",
        default=False,
        help_text="Significant spending or savings, or a significant effect on communities in two or more "
        "wards: it must be on the forward plan before it is taken.",
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now, db_index=True)
    snapshot = models.JSONField(editable=False)
    content_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[approvers], excluded_fields=["snapshot"])
    declarations = GenericRelation(
        "Declaration", content_type_field="matter_type", object_id_field="matter_id"
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"Approval of {self.what} ({self.get_status_display().lower()})"

    def get_absolute_url(self):
        return reverse("members:request", args=[self.pk])

    @property
    def what(self) -> str:
        if self.subject == Subject.PLAN:
            return f"the plan '{self.plan.title}' for {self.strategy.reference}"
        return f"the outcomes of {self.strategy}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ApprovalDecision(Immutable):
    """One approver's decision on one request: immutable, and of the version they were shown."""

    class Kind(models.TextChoices):
        APPROVE = "approve", "Approve"
        APPROVE_WITH_COMMENTS = "approve_with_comments", "Approve with comments"
        REQUEST_CHANGES = "request_changes", "Request changes"
        REFUSE = "refuse", "Refuse"

    APPROVING = (Kind.APPROVE, Kind.APPROVE_WITH_COMMENTS)

    request = models.ForeignKey(ApprovalRequest, on_delete=models.PROTECT, related_name="decisions")
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("decision", max_length=30, choices=Kind.choices)
    reasons = models.TextField(**limits.text_limit(limits.SUMMARY))
    conflict_declared = models.BooleanField("I have an interest to declare", default=False)
    conflict_details = models.TextField("the interest", blank=True, **limits.text_limit(limits.SUMMARY))
    content_hash = models.CharField(max_length=64, editable=False)
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "approver"], name="one_decision_per_approver")
        ]

    def __str__(self):
        return f"{self.approver}: {self.get_kind_display()}"

    @property
    def approves(self) -> bool:
        return self.kind in self.APPROVING


class DecisionRecord(Immutable):
    """The formal decision on a request once the rule is met (or can no longer be): a plain-English
    account of what was decided, how and why, written when it was made and never changed."""

    request = models.OneToOneField(ApprovalRequest, on_delete=models.PROTECT, related_name="record")
    strategy = models.ForeignKey(
        "strategies.Strategy", on_delete=models.PROTECT, related_name="decision_records"
    )
    subject = models.CharField(max_length=20, choices=Subject.choices)
    result = models.CharField(max_length=20, choices=ApprovalRequest.Status.choices)
    title = models.CharField(max_length=300)
    summary = models.TextField(**limits.text_limit(limits.SUMMARY))
    decided_by = models.CharField(max_length=500)
    conflicts = models.TextField(blank=True, **limits.text_limit(limits.SUMMARY))
    decided_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("members:decision", args=[self.pk])


class ScrutinyComment(models.Model):
    """A comment on a strategy by scrutiny, its portfolio holders or its commissioners; replies thread."""

    strategy = models.ForeignKey(
        "strategies.Strategy", on_delete=models.CASCADE, related_name="scrutiny_comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField("comment", **limits.text_limit(limits.NOTE))
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author} on {self.strategy.reference}, {formatting.long_date(self.created_at)}"


def response_due_default():
    # The Executive must respond to a scrutiny recommendation within two months (Local Government Act
    # 2000, s.9FE, as amended by the Localism Act 2011).
    return timezone.localdate() + relativedelta(months=2)


class Recommendation(Versioned):
    """A scrutiny board's formal recommendation to the Executive about a strategy, and its response."""

    class Status(models.TextChoices):
        AWAITING = "awaiting", "Awaiting response"
        ACCEPTED = "accepted", "Accepted"
        PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
        NOT_ACCEPTED = "not_accepted", "Not accepted"
        IMPLEMENTED = "implemented", "Implemented"

    strategy = models.ForeignKey(
        "strategies.Strategy", on_delete=models.PROTECT, related_name="recommendations"
    )
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="recommendations")
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)
    text = models.TextField("recommendation", **limits.text_limit(limits.SUMMARY))
    reasons = models.TextField("why the board recommends it", **limits.text_limit(limits.SUMMARY))
    response_due = models.DateField("response due by", default=response_due_default)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AWAITING)
    response = models.TextField("the Executive's response", blank=True, **limits.text_limit(limits.SUMMARY))
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-made_at", "-pk"]

    def __str__(self):
        return f"Recommendation to the Executive on {self.strategy.reference}"

    @property
    def overdue(self) -> bool:
        return self.status == self.Status.AWAITING and self.response_due < timezone.localdate()


# Members' interests -----------------------------------------------------------------------------------------
# Localism Act 2011 ss.29-34 and the Relevant Authorities (Disclosable Pecuniary Interests) Regulations 2012
# (SI 2012/1464), Schedule: the statutory categories. The council's code of conduct adds other registrable
# interests, and gifts and hospitality over a value the council sets (settings.INTERESTS_GIFT_THRESHOLD).


class InterestCategory(models.TextChoices):
    EMPLOYMENT = "employment", "Employment, office, trade, profession or vocation"
    SPONSORSHIP = "sponsorship", "Sponsorship"
    CONTRACTS = "contracts", "Contracts"
    LAND = "land", "Land"
    LICENCES = "licences", "Licences"
    CORPORATE_TENANCIES = "corporate_tenancies", "Corporate tenancies"
    SECURITIES = "securities", "Securities"
    OTHER = "other", "Other registrable interest (the council's code of conduct)"
    GIFT = "gift", "Gift or hospitality"


DISCLOSABLE = (
    InterestCategory.EMPLOYMENT,
    InterestCategory.SPONSORSHIP,
    InterestCategory.CONTRACTS,
    InterestCategory.LAND,
    InterestCategory.LICENCES,
    InterestCategory.CORPORATE_TENANCIES,
    InterestCategory.SECURITIES,
)


class Interest(Versioned):
    """One entry in a member's register of interests: dated, kept when it ends, its history kept."""

    class HeldBy(models.TextChoices):
        MEMBER = "member", "The member"
        PARTNER = "partner", "Their spouse or civil partner, or someone they live with as such"

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="interests")
    category = models.CharField(max_length=30, choices=InterestCategory.choices)
    held_by = models.CharField("whose interest", max_length=10, choices=HeldBy.choices, default=HeldBy.MEMBER)
    body = models.CharField(
        "who or what",
        max_length=200,
        help_text="The employer, sponsor, company, body or giver; for land, where it is.",
    )
    description = models.TextField("details", blank=True, **limits.text_limit(limits.SUMMARY))
    providers = models.TextField(
        "providers it concerns",
        blank=True,
        help_text="One a line, as the provider is named on contracts.",
        **limits.text_limit(limits.SUMMARY),
    )
    wards = models.TextField(
        "wards it concerns", blank=True, help_text="One a line.", **limits.text_limit(limits.SUMMARY)
    )
    services = models.TextField(
        "services it concerns", blank=True, help_text="One a line.", **limits.text_limit(limits.SUMMARY)
    )
    strategies = models.ManyToManyField(
        "strategies.Strategy", blank=True, related_name="+", verbose_name="strategies it concerns"
    )
    value = models.DecimalField(
        "value (£)", max_digits=12, decimal_places=2, null=True, blank=True, validators=limits.NOT_NEGATIVE
    )
    arose_on = models.DateField("since", help_text="When the interest arose, or the gift was received.")
    ended_on = models.DateField("ended", null=True, blank=True)
    sensitive = models.BooleanField(
        "sensitive interest",
        default=False,
        help_text="The monitoring officer agrees that publishing the details could lead to violence or "
        "intimidation (Localism Act 2011, s.32): the register says only that there is an interest.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[strategies], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["member", "category", "-arose_on", "pk"]

    def __str__(self):
        return f"{self.get_category_display()}: {self.body}"

    @property
    def disclosable(self) -> bool:
        return self.category in DISCLOSABLE

    @property
    def current(self) -> bool:
        return self.ended_on is None or self.ended_on >= timezone.localdate()

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Dispensation(models.Model):
    """Leave to take part in and vote on a matter despite a disclosable pecuniary interest (Localism Act 2011,
    s.33), granted by the standards committee or the monitoring officer and recorded by democratic services.
    It covers the member's interests (or one of them) in matters concerning a strategy (or in every matter),
    from and until the days it names, both included."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="dispensations"
    )
    purpose = models.TextField("what it is for", **limits.text_limit(limits.SUMMARY))
    strategy = models.ForeignKey(
        "strategies.Strategy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leave empty for every matter.",
    )
    interest = models.ForeignKey(
        Interest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dispensations",
        help_text="Leave empty for any of the member's interests.",
    )
    granted_by = models.CharField(
        "granted by",
        max_length=200,
        help_text="For example, the Standards Committee, or the monitoring officer.",
    )
    granted_on = models.DateField("granted on")
    valid_from = models.DateField("from")
    valid_until = models.DateField("until")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["member", "-valid_until", "pk"]

    def __str__(self):
        return f"Dispensation for {self.member}, {formatting.long_date(self.valid_from)} to {formatting.long_date(self.valid_until)}"

    def covers(self, *, member_id, strategy_id, interest_id, on) -> bool:
        return (
            self.member_id == member_id
            and self.valid_from <= on <= self.valid_until
            and (self.strategy_id is None or self.strategy_id == strategy_id)
            and (self.interest_id is None or self.interest_id == interest_id)
        )


class Declaration(models.Model):
    """An interest a member declares in one matter: an approval request, or anything else with a strategy
    (an agenda item: the meetings app attaches its own), through a generic relation so members needs nothing
    above it. A disclosable pecuniary interest bars deciding and voting unless a dispensation covers it
    (members.permissions.may_decide)."""

    class Kind(models.TextChoices):
        DISCLOSABLE = "dpi", "A disclosable pecuniary interest"
        OTHER = "other", "Another interest"
        NONE = "none", "No interest: none of the interests flagged concerns it"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="declarations"
    )
    matter_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    matter_id = models.PositiveBigIntegerField()
    matter = GenericForeignKey("matter_type", "matter_id")
    strategy = models.ForeignKey(
        "strategies.Strategy", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    interest = models.ForeignKey(
        Interest, on_delete=models.PROTECT, null=True, blank=True, related_name="declarations"
    )
    details = models.TextField("the interest", blank=True, **limits.text_limit(limits.SUMMARY))
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    declared_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["declared_at", "pk"]
        indexes = [models.Index(fields=["matter_type", "matter_id"], name="declaration_matter")]

    def __str__(self):
        return f"{self.member}: {self.get_kind_display().lower()}"

    @property
    def bars(self) -> bool:
        return self.kind == self.Kind.DISCLOSABLE


# Key decisions and call-in (SI 2012/2089; settings name the periods) --------------------------------------


class ForwardPlanEntry(models.Model):
    """A key decision on the forward plan (reg. 9): the matter, who decides, when, and the day the entry
    was published. An approval request for the same matter (strategy, cycle, subject, plan) marked as a key
    decision cannot be settled until its notice period has run, or an exception is recorded."""

    strategy = models.ForeignKey(
        "strategies.Strategy", on_delete=models.PROTECT, related_name="forward_plan_entries"
    )
    cycle = models.PositiveIntegerField()
    subject = models.CharField(max_length=20, choices=Subject.choices)
    plan = models.ForeignKey(
        "plans.CommissioningPlan", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    matter = models.TextField("the decision to be taken", **limits.text_limit(limits.SUMMARY))
    decision_maker = models.CharField(max_length=200, help_text="The Executive, or the portfolio holder.")
    expected_on = models.DateField("expected to be decided on")
    published_on = models.DateField("published on the forward plan on")
    # reg. 5: the intention to take it in private, with the reasons and the Schedule 12A paragraph.
    in_private = models.BooleanField("to be taken in private", default=False)
    private_reasons = models.TextField("why in private", blank=True, **limits.text_limit(limits.SUMMARY))
    private_paragraph = models.PositiveSmallIntegerField("Schedule 12A paragraph", null=True, blank=True)
    private_notice_on = models.DateField("notice of the private meeting given on", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["expected_on", "pk"]
        verbose_name_plural = "forward plan entries"  # one per matter: members.services checks it

    def __str__(self):
        return f"Key decision: {self.matter[:80]}"

    def get_absolute_url(self):
        return reverse("members:forward-plan-entry", args=[self.pk])


class KeyDecisionException(Immutable):
    """Why a key decision is taken before its forward-plan notice has run: the general exception (reg. 10:
    the chair of scrutiny told in writing, the notice made public, then a few clear days) or special
    urgency (reg. 11: the chair of scrutiny agrees the decision is urgent and cannot reasonably wait)."""

    class Kind(models.TextChoices):
        GENERAL_EXCEPTION = "general_exception", "General exception (notice to the chair of scrutiny)"
        SPECIAL_URGENCY = "special_urgency", "Special urgency (the chair of scrutiny's agreement)"

    entry = models.ForeignKey(ForwardPlanEntry, on_delete=models.PROTECT, related_name="exceptions")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="chair of scrutiny"
    )
    chair_told_on = models.DateField("chair told (or agreed) on")
    published_on = models.DateField("notice made public on")
    reasons = models.TextField(**limits.text_limit(limits.SUMMARY))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return self.get_kind_display()


class DecisionNotice(models.Model):
    """The published record of an executive decision (reg. 12 and 13), with its call-in period: the
    decision is not in effect until the period ends uncalled, or scrutiny has considered a call-in."""

    record = models.OneToOneField(DecisionRecord, on_delete=models.PROTECT, related_name="notice")
    published_at = models.DateTimeField(default=timezone.now, db_index=True)
    call_in_ends = models.DateField("may be called in until")
    members_needed = models.PositiveSmallIntegerField("scrutiny members needed to call it in")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return f"Decision notice: {self.record.title}"

    def get_absolute_url(self):
        return reverse("members:notice", args=[self.pk])


class CallIn(Immutable):
    """One scrutiny member's call-in of a decision, with their reasons."""

    notice = models.ForeignKey(DecisionNotice, on_delete=models.PROTECT, related_name="call_ins")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reasons = models.TextField(**limits.text_limit(limits.SUMMARY))
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["made_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["notice", "member"], name="one_call_in_per_member")]

    def __str__(self):
        return f"Called in by {self.member}"


class CallInOutcome(Immutable):
    """Scrutiny's conclusion on a called-in decision. After a referral to full council, council's view is
    recorded as a further outcome: no further action (it did not object), or referred back."""

    class Outcome(models.TextChoices):
        NO_FURTHER_ACTION = "no_further_action", "No further action: the decision takes effect"
        REFER_BACK = "refer_back", "Refer back to the decision-maker"
        REFER_TO_COUNCIL = "refer_to_council", "Refer to full council"

    notice = models.ForeignKey(DecisionNotice, on_delete=models.PROTECT, related_name="outcomes")
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    reasons = models.TextField(**limits.text_limit(limits.SUMMARY))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return self.get_outcome_display()
