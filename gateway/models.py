"""The Commissioning Programme Gateway (seed 001, North Lincolnshire): one programme of all commissioning
activity, criteria that pick out the key projects (council-wide, cross-cutting, high value, risky), a
finder for overlaps and chances to commission together, and the Strategic Commissioning and Procurement
Group's challenge reviews of key projects, with verdicts, conditions and actions followed up.

A "project" is a strategy in its current commissioning cycle, with its plans.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from commissioning import formatting, limits
from commissioning.models import Versioned


class Criterion(models.Model):
    """One of the filtering criteria (seed 001, 3.1). Administrators configure them; each met criterion
    adds its points, and a project scoring the key-project mark or more is a key project."""

    class Test(models.TextChoices):
        JUDGED = "judged", "Judged by the panel for each project"
        VALUE_OVER = "value_over", "Annual value over a threshold"
        CROSS_DIRECTORATE = "cross_directorate", "Interdependent with other directorates' strategies"
        JOINT = "joint", "A joint strategy with a partner"

    name = models.CharField(max_length=150, unique=True)
    question = models.CharField(
        max_length=300, help_text="What the panel asks, e.g. 'Does it carry statutory or reputational risk?'"
    )
    test = models.CharField("how it is decided", max_length=30, choices=Test.choices, default=Test.JUDGED)
    threshold = models.DecimalField(
        "threshold (£ a year)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=limits.NOT_NEGATIVE,
        help_text="For 'Annual value over a threshold' only.",
    )
    points = models.PositiveSmallIntegerField(default=1)
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name_plural = "criteria"

    def __str__(self):
        return self.name


class KeyProjectMark(models.Model):
    """The line: a project scoring this many points or more is a key project (one row)."""

    points = models.PositiveSmallIntegerField("key-project mark", default=4)
    history = HistoricalRecords()

    def __str__(self):
        return f"Key project at {self.points} points or more"

    @classmethod
    def current(cls) -> "KeyProjectMark":
        return cls.objects.order_by("pk").first() or cls.objects.create()


class CriterionAnswer(models.Model):
    """The panel's judgement on a judged criterion for one project (one strategy, one cycle)."""

    strategy = models.ForeignKey(
        "strategies.Strategy", on_delete=models.CASCADE, related_name="criterion_answers"
    )
    cycle = models.PositiveIntegerField()
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="answers")
    met = models.BooleanField()
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "cycle", "criterion"], name="one_answer_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {'yes' if self.met else 'no'}"


class KeyProjectOverride(models.Model):
    """The panel overriding the score: a key project whatever it scores, or not one."""

    strategy = models.ForeignKey(
        "strategies.Strategy", on_delete=models.CASCADE, related_name="key_overrides"
    )
    cycle = models.PositiveIntegerField()
    is_key = models.BooleanField("a key project")
    reason = models.TextField(**limits.text_limit(limits.SUMMARY))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["strategy", "cycle"], name="one_override_per_cycle")]

    def __str__(self):
        return f"{'A key project' if self.is_key else 'Not a key project'} by the panel's decision"


class Area(models.TextChoices):
    """The six areas of challenge (seed 001, 4.1)."""

    OBJECTIVES = "objectives", "Commissioning objectives"
    OUTCOMES = "outcomes", "Outcomes sought"
    PROCESS = "process", "Commissioning process"
    DELIVERY = "delivery", "Delivery options"
    STAKEHOLDERS = "stakeholders", "Stakeholders consulted"
    RISKS = "risks", "Risks and impacts, including unintended ones"


class GatewayReview(Versioned):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    class Verdict(models.TextChoices):
        PASSED = "passed", "Passed"
        PASSED_WITH_CONDITIONS = "passed_with_conditions", "Passed with conditions"
        NOT_PASSED = "not_passed", "Not passed"

    strategy = models.ForeignKey(
        "strategies.Strategy", on_delete=models.PROTECT, related_name="gateway_reviews"
    )
    cycle = models.PositiveIntegerField()
    scheduled_for = models.DateField("review date")
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    focus = models.TextField("what the panel wants to see", blank=True, **limits.text_limit(limits.SUMMARY))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    verdict = models.CharField(max_length=30, choices=Verdict.choices, blank=True)
    verdict_summary = models.TextField(
        "the panel's conclusion", blank=True, **limits.text_limit(limits.SECTION)
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-scheduled_for", "-pk"]

    def __str__(self):
        return f"Gateway review of {self.strategy.reference}, {formatting.long_date(self.scheduled_for)}"

    def get_absolute_url(self):
        return reverse("gateway:review", args=[self.pk])

    @property
    def passed(self) -> bool:
        return self.verdict in (self.Verdict.PASSED, self.Verdict.PASSED_WITH_CONDITIONS)


class AreaFinding(Versioned):
    class Rating(models.TextChoices):
        ASSURED = "assured", "Assured"
        RESERVATIONS = "reservations", "Assured with reservations"
        NOT_ASSURED = "not_assured", "Not assured"

    review = models.ForeignKey(GatewayReview, on_delete=models.CASCADE, related_name="findings")
    area = models.CharField(max_length=20, choices=Area.choices)
    rating = models.CharField(max_length=20, choices=Rating.choices)
    comments = models.TextField(**limits.text_limit(limits.SUMMARY))
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["review", "area"], name="one_finding_per_area")]

    def __str__(self):
        return f"{self.get_area_display()}: {self.get_rating_display()}"


class ReviewAction(Versioned):
    """An action or a condition from a review, owned by an officer, followed up until done."""

    class Kind(models.TextChoices):
        CONDITION = "condition", "Condition (must be met before delivery starts)"
        ACTION = "action", "Action"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        WITHDRAWN = "withdrawn", "Withdrawn by the panel"

    review = models.ForeignKey(GatewayReview, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ACTION)
    description = models.TextField(**limits.text_limit(limits.SUMMARY))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="gateway_actions"
    )
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    update = models.TextField(
        "progress",
        blank=True,
        help_text="What has been done, by the owner.",
        **limits.text_limit(limits.SUMMARY),
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.description[:80]

    @property
    def overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_date < timezone.localdate()


class OverlapDecision(models.Model):
    """What the panel decided about a pair of projects the finder suggested."""

    class Decision(models.TextChoices):
        COMMISSION_TOGETHER = "commission_together", "Commission together"
        DUPLICATION = "duplication", "Duplication: merge or stop one"
        KEEP_SEPARATE = "keep_separate", "Related, but keep separate"
        NOT_RELATED = "not_related", "Not related"

    first = models.ForeignKey("strategies.Strategy", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("strategies.Strategy", on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(max_length=30, choices=Decision.choices)
    note = models.TextField(**limits.text_limit(limits.SUMMARY))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="one_decision_per_pair"),
            models.CheckConstraint(condition=models.Q(first__lt=models.F("second")), name="pair_in_order"),
        ]

    def __str__(self):
        return f"{self.first.reference} and {self.second.reference}: {self.get_decision_display()}"


class OverlapPair(models.Model):
    """A pair of live projects the overlap finder found alike (kept in step with their items by
    gateway.overlaps): how many of their items are alike and how alike the closest two are. The finder's
    page reads these in its order, a page at a time; the panel's decision on a pair is its own record."""

    first = models.ForeignKey("strategies.Strategy", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("strategies.Strategy", on_delete=models.CASCADE, related_name="+")
    matches = models.PositiveIntegerField()
    strength = models.FloatField(help_text="The closest two items' similarity, as shown (two places)")

    class Meta:
        ordering = ["-matches", "-strength", "first", "second"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="one_overlap_per_pair"),
            models.CheckConstraint(condition=models.Q(first__lt=models.F("second")), name="overlap_in_order"),
        ]
        indexes = [
            models.Index(
                models.F("matches").desc(),
                models.F("strength").desc(),
                "first",
                "second",
                name="gateway_overlap_order",
            )
        ]

    def __str__(self):
        return f"{self.first_id} and {self.second_id}: {self.matches} alike"


class OverlapMatch(models.Model):
    """Two items worded alike, of two live projects: `first`'s item (a) and `second`'s (b), with their
    trigram similarity (0 to 1). An item is an outcome, a service of this cycle's plans or an in-scope
    scope item, named by its kind and id (its wording copied, as compared)."""

    class Kind(models.TextChoices):
        OUTCOME = "Outcome"
        SERVICE = "Service"
        SCOPE = "Scope"

    first = models.ForeignKey("strategies.Strategy", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("strategies.Strategy", on_delete=models.CASCADE, related_name="+")
    kind_a = models.CharField(max_length=10, choices=Kind.choices)
    item_a = models.PositiveIntegerField()
    text_a = models.CharField(max_length=250)
    kind_b = models.CharField(max_length=10, choices=Kind.choices)
    item_b = models.PositiveIntegerField()
    text_b = models.CharField(max_length=250)
    score = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind_a", "item_a", "kind_b", "item_b"], name="one_match_per_items"
            ),
            models.CheckConstraint(condition=models.Q(first__lt=models.F("second")), name="match_in_order"),
        ]
        indexes = [
            models.Index(fields=["first", "second"], name="gateway_match_pair"),
            models.Index(fields=["kind_b", "item_b"], name="gateway_match_item_b"),
        ]

    def __str__(self):
        return f"{self.kind_a}: {self.text_a} / {self.kind_b}: {self.text_b} ({self.score:.2f})"
