"""The Plan phase (seed 002, section 4, with the 2018 amendments): Commissioning Plans, the Services
Analysis, the Delivery Analysis (options appraisal), the Delivery Plan and the Commercial Model."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from commissioning import limits
from commissioning.exempt import EXEMPT_INFORMATION, EXEMPTION_HINT
from commissioning.models import Versioned
from strategies.models import ImpactFields, Outcome, Strategy

ZERO = Decimal("0")


class Channel(models.TextChoices):
    """The delivery channels (seed 002, section 4.2)."""

    INTERNAL = "internal", "Internal"
    EXTERNAL_GRANT = "external_grant", "External: grant"
    EXTERNAL_CONTRACT = "external_contract", "External: contract"
    PARTNERSHIP = "partnership", "Partnership"
    COPRODUCTION = "coproduction", "Co-production"
    INFLUENCE = "influence", "Influence"
    DECOMMISSION = "decommission", "Decommission"


# A Commercial Model is required where an external or partnership channel is chosen (seed 002, 4.3).
NEEDS_COMMERCIAL_MODEL = {Channel.EXTERNAL_GRANT, Channel.EXTERNAL_CONTRACT, Channel.PARTNERSHIP}


class CommissioningPlan(Versioned):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="plans")
    cycle = models.PositiveIntegerField(editable=False)
    title = models.CharField(max_length=200)
    outcomes = models.ManyToManyField(
        Outcome, blank=True, related_name="plans", verbose_name="outcomes this plan delivers"
    )
    summary = models.TextField(
        blank=True, help_text="What the plan proposes, in plain English.", **limits.text_limit(limits.SUMMARY)
    )
    current_budget = models.DecimalField(
        "current annual budget (£)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=limits.NOT_NEGATIVE,
    )
    current_staff = models.DecimalField(
        "current staff (full-time equivalent)",
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=limits.NOT_NEGATIVE,
    )
    current_resources = models.TextField(
        "statement of current resources",
        blank=True,
        help_text="The resources available now to deliver the outcomes: money, people, buildings, contracts.",
        **limits.text_limit(limits.SECTION),
    )
    significant_issues = models.TextField(
        "significant issues and risks",
        blank=True,
        help_text="For future delivery and meeting the outcomes.",
        **limits.text_limit(limits.SECTION),
    )
    governance = models.TextField(
        "governance until business as usual",
        blank=True,
        help_text="Proportionate to the scale, complexity and urgency of the implementation.",
        **limits.text_limit(limits.SECTION),
    )
    contract_management = models.TextField(
        "contract management arrangements",
        blank=True,
        help_text="How the provider will be held to account. Required for external and partnership delivery.",
        **limits.text_limit(limits.SECTION),
    )
    confidential = models.BooleanField(
        "confidential (exempt information)",
        default=False,
        help_text="Only the members of the boards concerned, the strategy's commissioners and administrators "
        "can then read the plan, its commercial model and its contracts; it is kept out of open data.",
    )
    exemption = models.CharField(
        "exempt under", max_length=2, choices=EXEMPT_INFORMATION, blank=True, help_text=EXEMPTION_HINT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[outcomes])

    class Meta:
        ordering = ["strategy", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confidential=False) | ~models.Q(exemption=""),
                name="confidential_plan_says_why",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:detail", args=[self.pk])


class NoPlanStatement(Versioned):
    """Where no change in delivery is likely to bring benefit, the reasons no plan is required."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="no_plan_statements")
    cycle = models.PositiveIntegerField(editable=False)
    reasons = models.TextField(
        "reasons no plan is required",
        help_text="For example, a regulatory function driven by statutory process, where no change would help.",
        **limits.text_limit(limits.SUMMARY),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["strategy", "cycle"], name="one_no_plan_statement_a_cycle")
        ]

    def __str__(self):
        return f"No plan required for {self.strategy.reference} (cycle {self.cycle})"


class PlanPart(Versioned):
    plan = models.ForeignKey(CommissioningPlan, on_delete=models.CASCADE, related_name="%(class)ss")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["pk"]


class PlannedService(PlanPart):
    """A service or activity of the Services Analysis."""

    class Priority(models.TextChoices):
        STATUTORY = "statutory", "Statutory duty"
        PRIORITY = "priority", "Priority"
        NON_PRIORITY = "non_priority", "Non-priority (nice to have)"

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, **limits.text_limit(limits.SECTION))
    priority = models.CharField(max_length=20, choices=Priority.choices)
    outcomes = models.ManyToManyField(
        Outcome, blank=True, related_name="services", verbose_name="outcomes served"
    )
    issues_and_risks = models.TextField(
        "significant issues and risks", blank=True, **limits.text_limit(limits.SECTION)
    )
    history = HistoricalRecords(m2m_fields=[outcomes])

    def __str__(self):
        return self.name


DEFAULT_CRITERIA = [
    ("Outcomes achieved", 30),
    ("Cost and value for money", 25),
    ("Risk, including to the council's reputation if delivery fails", 20),
    ("Social value", 15),
    ("Deliverability", 10),
]


class OptionsAppraisal(PlanPart):
    """The Delivery Analysis for a service or group of services."""

    title = models.CharField(max_length=200)
    services = models.ManyToManyField(PlannedService, blank=True, related_name="appraisals")
    years = models.PositiveSmallIntegerField(
        "appraisal period (years)", default=5, validators=[MinValueValidator(1), MaxValueValidator(25)]
    )
    discount_rate = models.DecimalField(
        "discount rate (%)",
        max_digits=4,
        decimal_places=2,
        default=Decimal("3.5"),
        validators=[MinValueValidator(0), MaxValueValidator(20)],
        help_text="HM Treasury's Green Book rate is 3.5%.",
    )
    adopted_option = models.OneToOneField(
        "DeliveryOption", on_delete=models.SET_NULL, null=True, blank=True, related_name="adopted_by"
    )
    adoption_rationale = models.TextField("why this option", blank=True, **limits.text_limit(limits.SUMMARY))
    # The Green Book's baseline: the option of carrying on as now ("do nothing" or current arrangements),
    # against which every other option's costs and benefits are counted.
    baseline_option = models.OneToOneField(
        "DeliveryOption",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="baseline_of",
        verbose_name="baseline (the status quo)",
    )
    history = HistoricalRecords(m2m_fields=[services])

    def __str__(self):
        return self.title


class AppraisalCriterion(models.Model):
    appraisal = models.ForeignKey(OptionsAppraisal, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=200)
    weight = models.PositiveSmallIntegerField("weight (%)", validators=[MaxValueValidator(100)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class DeliveryOption(Versioned):
    appraisal = models.ForeignKey(OptionsAppraisal, on_delete=models.CASCADE, related_name="options")
    name = models.CharField(max_length=200)
    channel = models.CharField("delivery channel", max_length=30, choices=Channel.choices)
    description = models.TextField(**limits.text_limit(limits.SECTION))
    governance = models.TextField("governance arrangements", blank=True, **limits.text_limit(limits.SECTION))
    outcomes_achieved = models.TextField(
        "outcomes it achieves", blank=True, **limits.text_limit(limits.SECTION)
    )
    policy_alignment = models.TextField(
        "alignment with policy and political priorities", blank=True, **limits.text_limit(limits.SECTION)
    )
    one_off_cost = models.DecimalField(
        "one-off cost (£)", max_digits=14, decimal_places=2, default=ZERO, validators=limits.NOT_NEGATIVE
    )
    annual_cost = models.DecimalField(
        "annual cost (£)", max_digits=14, decimal_places=2, default=ZERO, validators=limits.NOT_NEGATIVE
    )
    annual_benefit = models.DecimalField(
        "annual benefit (£)",
        max_digits=14,
        decimal_places=2,
        default=ZERO,
        help_text="Savings and cashable benefits a year. A dis-benefit is negative.",
    )
    other_resources = models.TextField(
        "other resources needed", blank=True, **limits.text_limit(limits.SECTION)
    )
    risks = models.TextField(blank=True, **limits.text_limit(limits.SECTION))
    strengths = models.TextField(blank=True, **limits.text_limit(limits.SECTION))
    weaknesses = models.TextField(blank=True, **limits.text_limit(limits.SECTION))
    opportunities = models.TextField(blank=True, **limits.text_limit(limits.SECTION))
    threats = models.TextField(blank=True, **limits.text_limit(limits.SECTION))
    value_for_money_evidence = models.TextField(
        "evidence of effectiveness and value for money",
        blank=True,
        help_text="Required for internal delivery.",
        **limits.text_limit(limits.SECTION),
    )
    decommission_impact = models.TextField(
        "impact of decommissioning",
        blank=True,
        help_text="Required when the option is to decommission.",
        **limits.text_limit(limits.SECTION),
    )
    rejection_reason = models.TextField(
        "why it was not adopted",
        blank=True,
        help_text="Kept with the alternatives considered.",
        **limits.text_limit(limits.SUMMARY),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class OptionScore(models.Model):
    option = models.ForeignKey(DeliveryOption, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(AppraisalCriterion, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(5)], help_text="0 (poor) to 5 (best)"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["option", "criterion"], name="one_score_a_criterion")]

    def __str__(self):
        return f"{self.option}: {self.criterion} {self.score}/5"


class Milestone(PlanPart):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        MET = "met", "Met"
        MISSED = "missed", "Missed"
        REPLANNED = "replanned", "Replanned (new date agreed)"

    title = models.CharField(max_length=200)
    due_date = models.DateField()
    owner = models.CharField(max_length=150)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    contractual = models.BooleanField(
        "a contractual delivery milestone", default=False, help_text="Part of the commercial terms."
    )
    history = HistoricalRecords()

    class Meta(PlanPart.Meta):
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title


SCALE_1_5 = [MinValueValidator(1), MaxValueValidator(5)]


class Risk(PlanPart):
    """A row of the delivery plan's risk register, scored on a 5x5 matrix."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    description = models.TextField("risk", **limits.text_limit(limits.SUMMARY))
    likelihood = models.PositiveSmallIntegerField(
        validators=SCALE_1_5,
        choices=[(n, str(n)) for n in range(1, 6)],
        help_text="1 (rare) to 5 (almost certain)",
    )
    impact = models.PositiveSmallIntegerField(
        validators=SCALE_1_5,
        choices=[(n, str(n)) for n in range(1, 6)],
        help_text="1 (negligible) to 5 (severe)",
    )
    owner = models.CharField(max_length=150)
    mitigating_actions = models.TextField(**limits.text_limit(limits.SUMMARY))
    review_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    history = HistoricalRecords()

    def __str__(self):
        return self.description[:80]

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def rating(self) -> str:
        return risk_rating(self.score)


def risk_rating(score: int) -> str:
    """The council's 5x5 matrix: 1-4 low, 5-9 medium, 10-15 high, 16-25 very high."""
    if score >= 16:
        return "Very high"
    if score >= 10:
        return "High"
    if score >= 5:
        return "Medium"
    return "Low"


class CommercialModel(Versioned):
    """The commercial terms where an external or partnership channel is chosen (seed 002, 4.3)."""

    class Payment(models.TextChoices):
        FIXED_PRICE = "fixed_price", "Fixed price"
        UNIT_PRICE = "unit_price", "Price per unit of service"
        COST_PLUS = "cost_plus", "Cost plus"
        PAYMENT_BY_RESULTS = "payment_by_results", "Payment by results"
        GRANT = "grant", "Grant in instalments"
        MIXED = "mixed", "A mix"

    class Level(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    class Contingency(models.IntegerChoices):
        BASIC = 1, "Basic: the provider's business continuity plan"
        STANDARD = 2, "Standard: business continuity, step-in rights and an exit plan"
        ENHANCED = (
            3,
            "Enhanced: all of that, and a named alternative provider or in-house service ready to start",
        )

    plan = models.OneToOneField(CommissioningPlan, on_delete=models.CASCADE, related_name="commercial_model")
    # Duration (members may want to be engaged)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    extension_options = models.CharField(max_length=200, blank=True, help_text="For example, 2 + 1 + 1 years")
    duration_rationale = models.TextField(
        "rationale for the duration", blank=True, **limits.text_limit(limits.SECTION)
    )
    # Payment terms (members may want to be engaged)
    payment_mechanism = models.CharField(max_length=30, choices=Payment.choices, blank=True)
    payment_terms = models.TextField(
        "what the council will pay", blank=True, **limits.text_limit(limits.SECTION)
    )
    indexation = models.CharField(
        max_length=200, blank=True, help_text="For example, CPI each April, capped at 3%"
    )
    performance_linked = models.BooleanField("payment is linked to performance", default=False)
    payment_rationale = models.TextField(
        "rationale for the payment terms", blank=True, **limits.text_limit(limits.SECTION)
    )
    kpi_rationale = models.TextField(
        "rationale for the KPIs and deductions", blank=True, **limits.text_limit(limits.SECTION)
    )
    # Other terms
    early_termination = models.TextField(
        "ending early for poor performance", blank=True, **limits.text_limit(limits.SECTION)
    )
    early_termination_rationale = models.TextField(
        "rationale", blank=True, **limits.text_limit(limits.SECTION)
    )
    liability_limits = models.TextField(
        "limits on the provider's liability", blank=True, **limits.text_limit(limits.SECTION)
    )
    liability_rationale = models.TextField("rationale", blank=True, **limits.text_limit(limits.SECTION))
    subcontracting = models.TextField(
        "the provider's right to sub-contract, and the council's rights on termination",
        blank=True,
        **limits.text_limit(limits.SECTION),
    )
    subcontracting_rationale = models.TextField("rationale", blank=True, **limits.text_limit(limits.SECTION))
    data_protection = models.TextField(
        "data protection and information sharing", blank=True, **limits.text_limit(limits.SECTION)
    )
    data_protection_rationale = models.TextField("rationale", blank=True, **limits.text_limit(limits.SECTION))
    staff_transfer = models.BooleanField("council staff transfer to the provider", default=False)
    pension_liability = models.TextField("pension liability", blank=True, **limits.text_limit(limits.SECTION))
    pension_rationale = models.TextField("rationale", blank=True, **limits.text_limit(limits.SECTION))
    property_involved = models.BooleanField("council property is involved", default=False)
    property_terms = models.TextField(
        "occupation, maintenance and repair of council property",
        blank=True,
        **limits.text_limit(limits.SECTION),
    )
    property_rationale = models.TextField("rationale", blank=True, **limits.text_limit(limits.SECTION))
    # Contingency for provider failure: must be present and proportionate to the risk and scale of failure.
    failure_risk = models.CharField(
        "risk of provider failure", max_length=10, choices=Level.choices, blank=True
    )
    contingency_level = models.PositiveSmallIntegerField(choices=Contingency.choices, null=True, blank=True)
    contingency_arrangements = models.TextField(
        "contingency arrangements for provider failure", blank=True, **limits.text_limit(limits.SECTION)
    )
    contingency_rationale = models.TextField("rationale", blank=True, **limits.text_limit(limits.SECTION))
    milestones_rationale = models.TextField(
        "rationale for the delivery milestones",
        blank=True,
        help_text="The milestones themselves are in the delivery plan.",
        **limits.text_limit(limits.SECTION),
    )
    # Public Services (Social Value) Act 2012
    social_value_economic = models.TextField(
        "economic well-being of the area", blank=True, **limits.text_limit(limits.SECTION)
    )
    social_value_social = models.TextField(
        "social well-being of the area", blank=True, **limits.text_limit(limits.SECTION)
    )
    social_value_environmental = models.TextField(
        "environmental well-being of the area", blank=True, **limits.text_limit(limits.SECTION)
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"Commercial model for {self.plan}"


class ContractKpi(PlanPart):
    """A KPI of the commercial model, with the payment deduction when performance fails."""

    name = models.CharField("KPI", max_length=200)
    measurement = models.TextField("how it is measured", **limits.text_limit(limits.SUMMARY))
    target = models.CharField(max_length=100)
    payment_deduction = models.CharField(
        "payment deduction when performance fails",
        max_length=200,
        blank=True,
        help_text="For example, 2% of the monthly payment for each month below target",
    )
    history = HistoricalRecords()

    def __str__(self):
        return self.name


class PlanImpactEntry(PlanPart, ImpactFields):
    """An entry of the integrated impact assessment of the plan's adopted delivery options."""

    history = HistoricalRecords()

    class Meta(PlanPart.Meta):
        verbose_name = "impact assessment entry"
        verbose_name_plural = "impact assessment entries"
        constraints = [
            models.UniqueConstraint(fields=["plan", "area"], name="one_plan_impact_entry_per_area")
        ]
