"""The Commissioning Strategy and its Analyse-phase content (seed 002, section 3)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django_fsm import FSMField, transition
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from commissioning import limits
from commissioning.models import Directorate, Versioned

from . import lifecycle


class Stage(models.TextChoices):
    ANALYSE = "analyse", "Analyse"
    PLAN = "plan", "Plan"
    DO = "do", "Do"
    REVIEW = "review", "Review"
    ARCHIVED = "archived", "Archived"


class Trigger(models.TextChoices):
    """The seven triggers for (re)commissioning (seed 002, section 1.4)."""

    MARKET_CHANGE = "market_change", "Market change"
    NEW_REQUIREMENT = "new_requirement", "New or changed service requirement"
    COUNCIL_PRIORITIES = "council_priorities", "Changing council priorities"
    CONTRACT_RENEWAL = "contract_renewal", "Contract renewal"
    NOT_FIT_FOR_PURPOSE = "not_fit_for_purpose", "Current delivery not fit for purpose"
    BUDGET_PRESSURES = "budget_pressures", "Budget pressures"
    TIME_SINCE_REVIEW = "time_since_review", "Time since last review"


# The nine considerations of the Needs Analysis (seed 002, section 3.2): field name -> label.
NEEDS_CONSIDERATIONS = {
    "need_political": "Political priorities and risks",
    "need_demographic": "Demographic and consultation feedback",
    "need_legal": "Legal framework",
    "need_policy": "National and local policy and guidance",
    "need_performance": "Current performance",
    "need_stakeholders": "Stakeholder views",
    "need_partners": "Partners' current commissioning activities and future intentions",
    "need_resources": "Available resources now and in the foreseeable future",
    "need_market": "Market offers (external and internal)",
}


class Strategy(Versioned):
    reference = models.CharField(max_length=20, unique=True, help_text="For example, CS-07")
    title = models.CharField(max_length=200)
    purpose = models.TextField(
        "purpose",
        help_text="The long-term, high-level intentions of this strategy, in plain English.",
        **limits.text_limit(limits.SECTION),
    )
    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, related_name="strategies")
    accountable_commissioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="accountable_strategies"
    )
    commissioners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="co_commissioned_strategies",
        verbose_name="other commissioners",
        help_text="Officers who may also edit this strategy and move it through the cycle.",
    )
    stage = FSMField(choices=Stage.choices, default=Stage.ANALYSE, db_index=True)
    cycle = models.PositiveIntegerField(default=1, editable=False, help_text="Commissioning cycle number")

    # Strategic Needs Assessment
    summary_of_findings = models.TextField(
        blank=True,
        help_text="An objective summary of the evidence, in plain English, with every acronym defined.",
        **limits.text_limit(limits.SECTION),
    )
    # Needs Analysis: the methodology, then the nine considerations, each required.
    needs_methodology = models.TextField("methodology", blank=True, **limits.text_limit(limits.SECTION))
    need_political = models.TextField(
        NEEDS_CONSIDERATIONS["need_political"], blank=True, **limits.text_limit(limits.SECTION)
    )
    need_demographic = models.TextField(
        NEEDS_CONSIDERATIONS["need_demographic"], blank=True, **limits.text_limit(limits.SECTION)
    )
    need_legal = models.TextField(
        NEEDS_CONSIDERATIONS["need_legal"], blank=True, **limits.text_limit(limits.SECTION)
    )
    need_policy = models.TextField(
        NEEDS_CONSIDERATIONS["need_policy"], blank=True, **limits.text_limit(limits.SECTION)
    )
    need_performance = models.TextField(
        NEEDS_CONSIDERATIONS["need_performance"], blank=True, **limits.text_limit(limits.SECTION)
    )
    need_stakeholders = models.TextField(
        NEEDS_CONSIDERATIONS["need_stakeholders"], blank=True, **limits.text_limit(limits.SECTION)
    )
    need_partners = models.TextField(
        NEEDS_CONSIDERATIONS["need_partners"], blank=True, **limits.text_limit(limits.SECTION)
    )
    need_resources = models.TextField(
        NEEDS_CONSIDERATIONS["need_resources"], blank=True, **limits.text_limit(limits.SECTION)
    )
    need_market = models.TextField(
        NEEDS_CONSIDERATIONS["need_market"], blank=True, **limits.text_limit(limits.SECTION)
    )
    emerging_issues = models.TextField(
        "emerging issues and conflicting drivers",
        blank=True,
        help_text="The issues emerging from the Needs Analysis, including where drivers conflict.",
        **limits.text_limit(limits.SECTION),
    )
    data_gaps = models.TextField(
        "gaps in data or information",
        blank=True,
        help_text="Where judgements rest on partial information. Write 'None identified' if there are none.",
        **limits.text_limit(limits.SECTION),
    )
    # A joint strategy led by a partner may follow the partner's own process (seed 002, section 2).
    is_joint = models.BooleanField("joint strategy led by a partner", default=False)
    lead_partner = models.CharField(max_length=200, blank=True)
    partner_process = models.TextField(
        "partner's process",
        blank=True,
        help_text="How the partner's process includes a needs assessment and is evidence based.",
        **limits.text_limit(limits.SECTION),
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[commissioners], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["reference"]
        verbose_name_plural = "strategies"
        # Councillors' rights, held only as object permissions (members.permissions): nobody holds them
        # model-wide, so each is "this strategy", never "every strategy".
        permissions = [
            ("approve_strategy", "Approve this strategy's outcomes and plans"),
            ("scrutinise_strategy", "Scrutinise this strategy"),
            ("review_strategy", "Challenge this strategy at the programme gateway"),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("strategies:detail", args=[self.pk])

    # The lifecycle. Each transition's conditions are registered in strategies.lifecycle, where other
    # apps can add theirs (e.g. councillors' approval of the outcomes); the same registry gives the
    # reasons a transition is refused.
    @transition(
        field=stage,
        source=Stage.ANALYSE,
        target=Stage.PLAN,
        conditions=[lifecycle.conditions_met(lifecycle.Transition.START_PLANNING)],
        custom={"label": "Move to Plan", "verb": "moved to Plan"},
    )
    def start_planning(self):
        pass

    @transition(
        field=stage,
        source=Stage.PLAN,
        target=Stage.DO,
        conditions=[lifecycle.conditions_met(lifecycle.Transition.START_DELIVERY)],
        custom={"label": "Move to Do", "verb": "moved to Do"},
    )
    def start_delivery(self):
        pass

    @transition(
        field=stage,
        source=Stage.DO,
        target=Stage.REVIEW,
        conditions=[lifecycle.conditions_met(lifecycle.Transition.START_REVIEW)],
        custom={"label": "Move to Review", "verb": "moved to Review"},
    )
    def start_review(self):
        pass

    @transition(
        field=stage,
        source=Stage.REVIEW,
        target=Stage.ANALYSE,
        conditions=[lifecycle.conditions_met(lifecycle.Transition.RECOMMISSION)],
        custom={"label": "Recommission", "verb": "recommissioned", "needs_trigger": True},
    )
    def recommission(self):
        self.cycle += 1

    @transition(
        field=stage,
        source=Stage.REVIEW,
        target=Stage.DO,
        conditions=[lifecycle.conditions_met(lifecycle.Transition.CONTINUE_DELIVERY)],
        custom={"label": "Continue as now", "verb": "continued as now, back in Do"},
    )
    def continue_delivery(self):
        """The review recommends continuing as now until the next review: the same cycle goes on in Do."""

    @transition(
        field=stage,
        source=[Stage.ANALYSE, Stage.PLAN, Stage.DO, Stage.REVIEW],
        target=Stage.ARCHIVED,
        conditions=[lifecycle.conditions_met(lifecycle.Transition.ARCHIVE)],
        custom={"label": "Archive", "verb": "archived", "needs_note": True, "warning": True},
    )
    def archive(self):
        pass


class StrategyUserObjectPermission(UserObjectPermissionBase):
    """django-guardian direct foreign-key table: fast, joinable object rights on strategies."""

    content_object = models.ForeignKey(Strategy, on_delete=models.CASCADE)


class StrategyGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Strategy, on_delete=models.CASCADE)


class TransitionLog(models.Model):
    """One applied lifecycle transition: who, when, from, to, and why."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="transitions")
    transition = models.CharField(max_length=50)
    source = models.CharField(max_length=20, choices=Stage.choices)
    target = models.CharField(max_length=20, choices=Stage.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    note = models.TextField(blank=True, **limits.text_limit(limits.NOTE))
    trigger = models.CharField(max_length=30, choices=Trigger.choices, blank=True)
    cycle = models.PositiveIntegerField()
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.strategy.reference}: {self.get_source_display()} → {self.get_target_display()}"


class StrategyPart(Versioned):
    """A list item of a strategy's Analyse content. Each kind keeps its own history."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="%(class)ss")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["pk"]


class EvidenceItem(StrategyPart):
    class Kind(models.TextChoices):
        JSNA = "jsna", "Joint Strategic Needs Assessment (JSNA)"
        DATA_SET = "data_set", "Data set"
        OPEN_DATA = "open_data", "Open data"
        SURVEY = "survey", "Survey"
        FOCUS_GROUP = "focus_group", "Focus group"
        MARKET_ENGAGEMENT = "market_engagement", "Early market engagement"
        CONSULTATION = "consultation", "Consultation"
        OTHER = "other", "Other"

    title = models.CharField(max_length=200)
    source = models.CharField(
        max_length=200, help_text="Who produced it, for example Public Health Intelligence"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    link = models.URLField("link", max_length=500, blank=True)
    file = models.FileField(
        upload_to="evidence/%Y/%m/",
        blank=True,
        validators=[FileExtensionValidator(["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt", "pptx"])],
        help_text="PDF, Word, Excel, OpenDocument, CSV, text or PowerPoint, up to 20 MB.",
    )
    evidence_date = models.DateField("date of the evidence", null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return self.title

    def clean(self):
        if not self.link and not self.file:
            raise ValidationError({"link": "Enter a link to the evidence or upload a file"})


class Outcome(StrategyPart):
    title = models.CharField(
        max_length=250, help_text="A result for people or places, e.g. 'Children are safe'"
    )
    description = models.TextField(blank=True, **limits.text_limit(limits.SUMMARY))
    priorities = models.ManyToManyField(
        "CouncilPriority",
        blank=True,
        related_name="outcomes",
        verbose_name="council plan priorities",
        help_text="The priorities of the council plan this outcome serves.",
    )
    indicators = models.ManyToManyField(
        "FrameworkIndicator",
        blank=True,
        related_name="outcomes",
        verbose_name="national outcome framework indicators",
        help_text="The national indicators (ASCOF, PHOF...) the council reports this outcome against.",
    )
    history = HistoricalRecords()

    def __str__(self):
        return self.title


class PerformanceMetric(StrategyPart):
    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"

    name = models.CharField(max_length=200)
    outcome = models.ForeignKey(
        Outcome,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="metrics",
        help_text="The outcome this measures",
    )
    unit = models.CharField(max_length=40, blank=True, help_text="For example, %, number, days")
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.HIGHER)
    baseline = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return self.name


class ScopeItem(StrategyPart):
    area = models.CharField("functional area", max_length=200)
    in_scope = models.BooleanField("in scope", choices=[(True, "In scope"), (False, "Out of scope")])
    reason = models.TextField(help_text="Why it is in or out of scope", **limits.text_limit(limits.SUMMARY))
    history = HistoricalRecords()

    def __str__(self):
        return self.area


class Stakeholder(StrategyPart):
    class Engagement(models.TextChoices):
        INFORM = "inform", "Informed"
        CONSULT = "consult", "Consulted"
        INVOLVE = "involve", "Involved"
        COLLABORATE = "collaborate", "Collaborated"
        COPRODUCE = "coproduce", "Co-produced"

    name = models.CharField(max_length=200)
    engagement = models.CharField("nature of engagement", max_length=20, choices=Engagement.choices)
    how = models.TextField("how they were engaged", blank=True, **limits.text_limit(limits.SUMMARY))
    history = HistoricalRecords()

    def __str__(self):
        return self.name


class ServiceAreaContribution(StrategyPart):
    service_area = models.CharField("council service area", max_length=200)
    contribution = models.TextField(
        help_text="How this service area contributes to the needs and outcomes",
        **limits.text_limit(limits.SUMMARY),
    )
    history = HistoricalRecords()

    def __str__(self):
        return self.service_area


class InfluentialDocument(StrategyPart):
    title = models.CharField(max_length=250)
    publisher = models.CharField(max_length=200, blank=True)
    year = models.PositiveIntegerField(null=True, blank=True)
    link = models.URLField(max_length=500, blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return self.title


class StartingPositionItem(StrategyPart):
    class Kind(models.TextChoices):
        CONTRACT = "contract", "Contract"
        PARTNERSHIP = "partnership", "Partnership"
        SERVICE = "service", "In-house service"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200)
    provider = models.CharField(max_length=200, blank=True)
    annual_cost = models.DecimalField(
        "annual cost (£)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=limits.NOT_NEGATIVE,
    )
    utilisation = models.CharField(max_length=200, blank=True, help_text="For example, 92% of places used")
    satisfaction = models.CharField(max_length=200, blank=True, help_text="For example, 81% satisfied (2025)")
    outcomes_served = models.TextField(
        "how it relates to the outcomes", blank=True, **limits.text_limit(limits.SUMMARY)
    )
    provider_input = models.TextField(
        "input from the current provider", blank=True, **limits.text_limit(limits.SUMMARY)
    )
    history = HistoricalRecords()

    def __str__(self):
        return self.name


class Interdependency(StrategyPart):
    class Direction(models.TextChoices):
        TO_OTHER = "to_other", "This strategy contributes to the other"
        FROM_OTHER = "from_other", "The other strategy contributes to this one"
        BOTH = "both", "Both contribute to each other"

    other = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="interdependents", verbose_name="other strategy"
    )
    shared_outcome = models.CharField(max_length=250)
    assumed_contribution = models.TextField(
        help_text="What is assumed of the contribution, made explicit", **limits.text_limit(limits.SUMMARY)
    )
    direction = models.CharField(max_length=20, choices=Direction.choices)
    history = HistoricalRecords()

    class Meta(StrategyPart.Meta):
        verbose_name_plural = "interdependencies"
        constraints = [
            models.UniqueConstraint(fields=["strategy", "other"], name="one_interdependency_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(strategy=models.F("other")), name="not_self_dependent"
            ),
        ]

    def __str__(self):
        return f"{self.strategy} ↔ {self.other}"

    def clean(self):
        if self.strategy_id and self.other_id == self.strategy_id:
            raise ValidationError(
                {"other": "Choose a different strategy: a strategy cannot depend on itself"}
            )


# The council plan and national outcome frameworks ------------------------------------------------------
# Reference data kept by administrators: outcomes link to them (Outcome.priorities, Outcome.indicators) and
# a KPI may be the local measure of an indicator (delivery.Kpi.indicator).


class CouncilPriority(models.Model):
    """A priority (and the outcome it seeks) of the council plan, the council's business plan."""

    reference = models.CharField(max_length=20, unique=True, help_text="For example, CP1")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, **limits.text_limit(limits.SUMMARY))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "reference"]
        verbose_name = "council plan priority"
        verbose_name_plural = "council plan priorities"

    def __str__(self):
        return f"{self.reference} {self.title}"


class OutcomeFramework(models.Model):
    """A national outcome framework a council reports against, e.g. the Adult Social Care Outcomes
    Framework (ASCOF) or the Public Health Outcomes Framework (PHOF)."""

    code = models.CharField(max_length=20, unique=True, help_text="For example, ASCOF")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code


class FrameworkIndicator(models.Model):
    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"
        NONE = "none", "No judgement (context)"

    framework = models.ForeignKey(OutcomeFramework, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(max_length=20, help_text="The framework's own code, for example 1A or C15")
    name = models.CharField(max_length=300)
    domain = models.CharField(max_length=200, blank=True)
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.HIGHER)

    class Meta:
        ordering = ["framework__code", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="one_indicator_per_code")]

    def __str__(self):
        return f"{self.framework.code} {self.code} {self.name}"


# Integrated impact assessment ---------------------------------------------------------------------------
# The public sector equality duty (Equality Act 2010, s.149) asks decision-makers to have due regard to the
# protected characteristics of s.4; councils add their own (carers, care leavers, rurality...) and further
# sections (health, environment, community safety). Which apply is data (ImpactArea), kept by administrators.


class ImpactArea(models.Model):
    """One characteristic or section an integrated impact assessment covers."""

    class Kind(models.TextChoices):
        PROTECTED = "protected", "Protected characteristic (Equality Act 2010, section 4)"
        LOCAL = "local", "Local addition"
        SECTION = "section", "Further section"

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    guidance = models.TextField(blank=True, help_text="What to consider", **limits.text_limit(limits.SUMMARY))
    switched_on = models.BooleanField(
        default=True,
        help_text="Whether assessments must cover it. Protected characteristics are always covered.",
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    @property
    def required(self) -> bool:
        return self.kind == self.Kind.PROTECTED or self.switched_on


class Impact(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEUTRAL = "neutral", "Neutral"
    NEGATIVE = "negative", "Negative"


class ImpactFields(models.Model):
    """What an assessment says of one area: shared by a strategy's and a plan's assessment."""

    area = models.ForeignKey(ImpactArea, on_delete=models.PROTECT, related_name="+", verbose_name="area")
    impact = models.CharField(max_length=10, choices=Impact.choices)
    evidence = models.TextField(
        help_text="What the judgement rests on: data, consultation, research",
        **limits.text_limit(limits.SUMMARY),
    )
    mitigation = models.TextField(
        blank=True,
        help_text="How a negative impact is reduced or removed. Needed when the impact is negative.",
        **limits.text_limit(limits.SUMMARY),
    )
    owner = models.CharField(max_length=200, blank=True, help_text="Who is responsible for the mitigation")

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.area}: {self.get_impact_display()}"

    @staticmethod
    def history_label(record, lookups):
        """A history row's name (commissioning.history.entries), its area read with every other related row
        the history names, not one query a row as str() of it would."""
        return lookups.text(lookups.label(ImpactArea, record.area_id), f": {record.get_impact_display()}")

    def clean(self):
        if self.impact == Impact.NEGATIVE:
            errors = {}
            if not (self.mitigation or "").strip():
                errors["mitigation"] = "Describe the mitigation of a negative impact"
            if not (self.owner or "").strip():
                errors["owner"] = "Name who is responsible for the mitigation"
            if errors:
                raise ValidationError(errors)


class ImpactEntry(StrategyPart, ImpactFields):
    history = HistoricalRecords()

    class Meta(StrategyPart.Meta):
        verbose_name = "impact assessment entry"
        verbose_name_plural = "impact assessment entries"
        constraints = [models.UniqueConstraint(fields=["strategy", "area"], name="one_impact_entry_per_area")]


# Proportionate requirements -------------------------------------------------------------------------------
# Effort proportionate to the scale of a strategy (DOMAIN.md): an item of the checklist with a threshold
# applies when the strategy reaches it; below it, a commissioner may mark the item not required, with a reason.


class ChecklistThreshold(models.Model):
    """When a checklist item applies: from an annual value, to key projects, where a service is statutory."""

    item = models.CharField(
        max_length=40, unique=True, help_text="The checklist item's key, for example interdependencies"
    )
    min_annual_value = models.DecimalField(
        "applies from an annual value of (£)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=limits.NOT_NEGATIVE,
    )
    key_projects = models.BooleanField("applies to every key project", default=True)
    statutory = models.BooleanField("applies where a statutory service is planned", default=True)

    class Meta:
        ordering = ["item"]

    def __str__(self):
        return self.item


class ChecklistWaiver(models.Model):
    """A checklist item below its threshold marked not required for a strategy, with the reason."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="checklist_waivers")
    item = models.CharField(max_length=40)
    reason = models.TextField(**limits.text_limit(limits.SUMMARY))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["strategy", "item"], name="one_waiver_per_item")]

    def __str__(self):
        return f"{self.strategy.reference}: {self.item} not required"
