"""Do and Review (DOMAIN.md "Do", "Review", "Performance reporting"; seed 003's complaints; seed 004's due
diligence and the tiers): contracts and grants made from the adopted options, due diligence where
community or voluntary providers deliver, KPIs with polarity, tolerance and measurements whose status and
direction of travel are computed (never typed), and the review record of each cycle with its lessons."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from commissioning import limits
from commissioning.exempt import EXEMPT_INFORMATION, EXEMPTION_HINT
from commissioning.models import Versioned
from plans.models import Channel


def recommission_horizon():
    """A contract ending by this date flags its strategy for recommissioning (contract renewal)."""
    return timezone.localdate() + timedelta(days=settings.RECOMMISSION_HORIZON_DAYS)


class ContractQuerySet(models.QuerySet):
    def ending(self):
        """Ending inside the recommissioning horizon, or ended in the last 90 days (older ones are done)."""
        return self.filter(
            end_date__lte=recommission_horizon(), end_date__gte=timezone.localdate() - timedelta(days=90)
        )


class ProcurementRoute(models.TextChoices):
    """How the supplier was chosen (the Transparency Code asks whether it was tendered or quoted)."""

    OPEN = "open", "Open tender"
    COMPETITIVE_FLEXIBLE = "competitive_flexible", "Competitive flexible procedure"
    RESTRICTED = "restricted", "Restricted tender"
    FRAMEWORK = "framework", "Call-off from a framework"
    QUOTATION = "quotation", "Invitation to quote"
    DIRECT_AWARD = "direct_award", "Direct award"
    GRANT = "grant", "Grant funding round"
    NOT_PROCURED = "not_procured", "Not procured (in-house or public-sector agreement)"


class Contract(Versioned):
    """A contract, grant or agreement that delivers an adopted option of a plan."""

    class Kind(models.TextChoices):
        CONTRACT = "contract", "Contract"
        GRANT = "grant", "Grant"
        PARTNERSHIP = "partnership", "Partnership agreement"
        SERVICE_LEVEL = "service_level", "In-house service level agreement"

    class Sector(models.TextChoices):
        PUBLIC = "public", "Public sector"
        PRIVATE = "private", "Private sector"
        VOLUNTARY = "voluntary", "Community or voluntary sector"
        SOCIAL_ENTERPRISE = "social_enterprise", "Social enterprise"

    COMMUNITY_SECTORS = (Sector.VOLUNTARY, Sector.SOCIAL_ENTERPRISE)

    strategy = models.ForeignKey("strategies.Strategy", on_delete=models.CASCADE, related_name="contracts")
    plan = models.ForeignKey("plans.CommissioningPlan", on_delete=models.PROTECT, related_name="contracts")
    option = models.ForeignKey(
        "plans.DeliveryOption",
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name="adopted option it delivers",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CONTRACT)
    title = models.CharField(max_length=200)
    provider = models.CharField(max_length=200)
    sector = models.CharField("provider's sector", max_length=20, choices=Sector.choices)
    channel = models.CharField("delivery channel", max_length=30, choices=Channel.choices)
    annual_value = models.DecimalField(
        "annual value (£)", max_digits=14, decimal_places=2, validators=limits.NOT_NEGATIVE
    )
    start_date = models.DateField()
    end_date = models.DateField()
    extension_options = models.CharField(max_length=200, blank=True, help_text="For example, 2 + 1 years")
    # What the Local Government Transparency Code asks the contracts register to publish (api.opendata).
    reference = models.CharField(
        max_length=50,
        blank=True,
        help_text="The council's contract reference, as in the contracts register. Left blank, CON-<number>.",
    )
    description = models.TextField(
        blank=True,
        help_text="What is bought, in plain English, for the public.",
        **limits.text_limit(limits.SUMMARY),
    )
    procurement_route = models.CharField(
        max_length=30, choices=ProcurementRoute.choices, blank=True, help_text="How the supplier was chosen."
    )
    supplier_registration = models.CharField(
        "supplier's registration number",
        max_length=50,
        blank=True,
        help_text="Companies House or Charity Commission number, where it has one.",
    )
    supplier_is_sme = models.BooleanField(
        "the supplier is a small or medium-sized enterprise (SME)", default=False
    )
    confidential = models.BooleanField(
        "confidential (exempt information)",
        default=False,
        help_text="Only the members of the boards concerned, the strategy's commissioners and administrators "
        "can then read it; it is kept out of the contracts register and open data (for example, commercially "
        "sensitive or a safeguarding risk).",
    )
    exemption = models.CharField(
        "exempt under", max_length=2, choices=EXEMPT_INFORMATION, blank=True, help_text=EXEMPTION_HINT
    )
    renewal_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["renewal_notified_at"])
    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["end_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confidential=False) | ~models.Q(exemption=""),
                name="confidential_contract_says_why",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.provider})"

    @property
    def withheld(self) -> bool:
        """Exempt information: marked confidential itself, or made under a confidential plan."""
        return self.confidential or self.plan.confidential

    def get_absolute_url(self):
        return reverse("delivery:contract", args=[self.pk])

    @property
    def ending_soon(self) -> bool:
        return self.end_date <= recommission_horizon()

    @property
    def needs_due_diligence(self) -> bool:
        return self.sector in self.COMMUNITY_SECTORS

    @property
    def register_reference(self) -> str:
        return self.reference or f"CON-{self.pk:05d}"

    @property
    def supplier_is_vcse(self) -> bool:
        """A voluntary, community or social enterprise supplier (the Transparency Code's VCSE)."""
        return self.sector in self.COMMUNITY_SECTORS


class DueDiligenceCheck(Versioned):
    """One check on a community or voluntary provider (seed 004: due diligence), with its evidence."""

    class Topic(models.TextChoices):
        SAFEGUARDING = "safeguarding", "Safeguarding policy and DBS checks"
        HEALTH_AND_SAFETY = "health_and_safety", "Health and safety"
        INSURANCE = "insurance", "Insurance"
        ACCOUNTABILITY = "accountability", "Who answers for delivery"
        FINANCE = "finance", "Financial standing"
        OTHER = "other", "Other"

    REQUIRED = (Topic.SAFEGUARDING, Topic.HEALTH_AND_SAFETY, Topic.INSURANCE, Topic.ACCOUNTABILITY)

    class Status(models.TextChoices):
        TO_DO = "to_do", "Not yet checked"
        SATISFIED = "satisfied", "Satisfied"
        NOT_SATISFIED = "not_satisfied", "Not satisfied"

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="checks")
    topic = models.CharField(max_length=30, choices=Topic.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.TO_DO)
    evidence = models.TextField(
        blank=True,
        help_text="What was seen: a policy, a certificate, a named person.",
        **limits.text_limit(limits.SUMMARY),
    )
    checked_on = models.DateField(null=True, blank=True)
    review_due = models.DateField("check again by", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_topic_display()}: {self.get_status_display()}"


class Kpi(Versioned):
    """A key performance indicator: what is measured, which way is better, and what counts as success."""

    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        ANNUAL = "annual", "Annually"

    strategy = models.ForeignKey("strategies.Strategy", on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(max_length=200)
    outcome = models.ForeignKey(
        "strategies.Outcome",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kpis",
        help_text="The outcome it measures. A KPI that measures no outcome is shown as a gap.",
    )
    contract = models.ForeignKey(
        Contract, on_delete=models.SET_NULL, null=True, blank=True, related_name="kpis"
    )
    contract_kpi = models.ForeignKey(
        "plans.ContractKpi",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tracked_by",
        verbose_name="KPI in the commercial model",
        help_text="Where it is contractual: the commercial model's KPI, with its payment deduction.",
    )
    indicator = models.ForeignKey(
        "strategies.FrameworkIndicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kpis",
        verbose_name="national indicator",
        help_text="Where this KPI is the local measure of a national outcome framework indicator (ASCOF, PHOF...).",
    )
    unit = models.CharField(max_length=40, blank=True, help_text="For example, %, number, days")
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.HIGHER)
    baseline = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(max_digits=14, decimal_places=2)
    tolerance = models.DecimalField(
        "tolerance",
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=limits.NOT_NEGATIVE,
        help_text="How far short of the target still counts as 'within tolerance' (in the KPI's unit).",
    )
    frequency = models.CharField(
        "reported", max_length=20, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "pk"]
        verbose_name = "KPI"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("delivery:kpi", args=[self.pk])


VALUE_LIMIT = 10**12  # Measurement.value: 14 digits, 2 after the point


class Measurement(models.Model):
    """The actual for one period. Corrections are kept in the history."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="measurements")
    period_end = models.DateField("period ending")
    value = models.DecimalField("actual", max_digits=14, decimal_places=2)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kpi", "period_end"]
        constraints = [models.UniqueConstraint(fields=["kpi", "period_end"], name="one_actual_per_period")]

    def __str__(self):
        return f"{self.kpi}: {self.value} ({self.period_end:%b %Y})"


class Locality(models.Model):
    """A ward or locality results are reported for: a council loads its own from the ONS code lists
    (manage.py load_localities)."""

    class Kind(models.TextChoices):
        WARD = "ward", "Ward"
        LOCALITY = "locality", "Locality"

    code = models.CharField(max_length=20, unique=True, help_text="The ONS (GSS) code, for example E05010783")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.LOCALITY)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "localities"

    def __str__(self):
        return self.name


class LocalityMeasurement(models.Model):
    """A KPI's actual for one locality in a period, beside the council-wide total (Measurement)."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="locality_measurements")
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="measurements")
    period_end = models.DateField("period ending")
    value = models.DecimalField("actual", max_digits=14, decimal_places=2)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kpi", "period_end", "locality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "locality", "period_end"], name="one_locality_actual_per_period"
            )
        ]

    def __str__(self):
        return f"{self.kpi} in {self.locality}: {self.value} ({self.period_end:%b %Y})"


class ReviewRecord(Versioned):
    """The Review of one commissioning cycle: outcomes at two levels, what worked, lessons, recommendation."""

    class Recommendation(models.TextChoices):
        CONTINUE = "continue", "Continue as now until the next review"
        RECOMMISSION = "recommission", "Recommission"
        DECOMMISSION = "decommission", "Decommission"

    strategy = models.ForeignKey(
        "strategies.Strategy", on_delete=models.CASCADE, related_name="review_records"
    )
    cycle = models.PositiveIntegerField()
    population_outcomes = models.TextField(
        "outcomes for the population and the system",
        blank=True,
        help_text="What changed for the population as a whole, and across the system.",
        **limits.text_limit(limits.SECTION),
    )
    service_user_outcomes = models.TextField(
        "outcomes for people who use the services", blank=True, **limits.text_limit(limits.SECTION)
    )
    what_worked = models.TextField(blank=True, **limits.text_limit(limits.SECTION))
    what_did_not = models.TextField("what did not work", blank=True, **limits.text_limit(limits.SECTION))
    lessons = models.TextField(
        "lessons learnt",
        blank=True,
        help_text="Shown when the strategy next enters Analyse.",
        **limits.text_limit(limits.SECTION),
    )
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices, blank=True)
    trigger = models.CharField(
        "trigger for recommissioning",
        max_length=30,
        blank=True,
        help_text="When recommending recommissioning: which of the seven triggers.",
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["strategy", "cycle"], name="one_review_per_cycle")]

    def __str__(self):
        return f"Review of {self.strategy.reference}, cycle {self.cycle}"

    MISSING = {
        "population_outcomes": "the outcomes for the population and the system",
        "service_user_outcomes": "the outcomes for people who use the services",
        "what_worked": "what worked",
        "what_did_not": "what did not work",
        "lessons": "the lessons learnt",
        "recommendation": "the recommendation",
    }

    def gaps(self) -> list[str]:
        found = [label for name, label in self.MISSING.items() if not str(getattr(self, name)).strip()]
        if self.recommendation == self.Recommendation.RECOMMISSION and not self.trigger:
            found.append("the trigger for recommissioning")
        return found
