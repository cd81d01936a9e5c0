"""What the API shows of each record. Reading is model serializers over querysets the views prefetch;
writing has its own small serializers, and every write goes through the apps' services."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

import delivery.selectors
import members.selectors
from commissioning import dates, limits
from commissioning.converters import ID_MAX, ID_MIN
from commissioning.limits import SUMMARY
from commissioning.models import User
from delivery import performance
from delivery.forms import KPI_FIELDS
from delivery.imports import NOTE_MAX
from delivery.models import VALUE_LIMIT, Contract, Kpi, LocalityMeasurement, Measurement
from gateway.models import AreaFinding, GatewayReview, ReviewAction
from members import callin
from members.models import (
    ApprovalDecision,
    ApprovalRequest,
    CallIn,
    CallInOutcome,
    DecisionNotice,
    DecisionRecord,
    Declaration,
    ForwardPlanEntry,
    Interest,
    InterestCategory,
    KeyDecisionException,
)
from plans.models import (
    AppraisalCriterion,
    CommercialModel,
    CommissioningPlan,
    ContractKpi,
    DeliveryOption,
    Milestone,
    OptionsAppraisal,
    PlannedService,
    Risk,
)
from strategies.models import Outcome, Strategy, Trigger


class PersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "name"]


class PageLink(serializers.Field):
    """The record's page in the browser, so an integration can link people to it."""

    def __init__(self, url=None, **kwargs):
        self.url = url or (lambda obj: obj.get_absolute_url())
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        url = self.url(value)
        return request.build_absolute_uri(url) if request else url


extend_schema_field(OpenApiTypes.URI)(PageLink)


# Strategies --------------------------------------------------------------------------------------------


class OutcomeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outcome
        fields = ["id", "title", "description", "version"]


class StrategySerializer(serializers.ModelSerializer):
    directorate = serializers.CharField(source="directorate.name", read_only=True)
    accountable_commissioner = PersonSerializer(read_only=True)
    commissioners = PersonSerializer(many=True, read_only=True)
    outcomes = OutcomeSerializer(many=True, read_only=True)
    page = PageLink()

    class Meta:
        model = Strategy
        fields = [
            "id",
            "reference",
            "title",
            "purpose",
            "stage",
            "cycle",
            "directorate",
            "accountable_commissioner",
            "commissioners",
            "is_joint",
            "lead_partner",
            "outcomes",
            "version",
            "created_at",
            "updated_at",
            "page",
        ]


class ChecklistItemSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    status = serializers.ChoiceField(choices=["complete", "missing", "not required"])
    done = serializers.BooleanField()
    required = serializers.BooleanField()
    missing = serializers.CharField(help_text="What to do, when it is missing.")
    why = serializers.CharField(
        help_text="Why it applies, or why it is not required (proportionate requirements)."
    )


class TransitionOptionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    target = serializers.CharField()
    allowed = serializers.BooleanField(help_text="Whether you may make this move now.")
    reasons = serializers.ListField(child=serializers.CharField(), help_text="Why the move is refused.")
    permission_reason = serializers.CharField(allow_blank=True, help_text="Why you may not make it.")
    needs_trigger = serializers.BooleanField()
    needs_note = serializers.BooleanField()


class StrategyDetailSerializer(StrategySerializer):
    checklist = ChecklistItemSerializer(many=True, read_only=True, source="api_checklist")
    checklist_complete = serializers.BooleanField(read_only=True, source="api_checklist_complete")
    transitions = TransitionOptionSerializer(many=True, read_only=True, source="api_transitions")
    may_edit = serializers.BooleanField(read_only=True, source="api_may_edit")

    class Meta(StrategySerializer.Meta):
        fields = [
            *StrategySerializer.Meta.fields,
            "summary_of_findings",
            "needs_methodology",
            "emerging_issues",
            "data_gaps",
            "partner_process",
            "checklist",
            "checklist_complete",
            "transitions",
            "may_edit",
        ]


class TransitionRequestSerializer(serializers.Serializer):
    expected_stage = serializers.ChoiceField(
        choices=list(Strategy._meta.get_field("stage").choices),
        required=False,
        help_text="The stage you expect the strategy to be in (defaults to its stage now).",
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    trigger = serializers.ChoiceField(choices=Trigger.choices, required=False, allow_blank=True)


class TransitionDoneSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    transition = serializers.CharField()
    source = serializers.CharField()
    target = serializers.CharField()
    at = serializers.DateTimeField()
    note = serializers.CharField(allow_blank=True)
    trigger = serializers.CharField(allow_blank=True)
    cycle = serializers.IntegerField()


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()
    part = serializers.CharField(help_text="The part of the stage the reason concerns, e.g. 'Approvals'.")
    fix_url = serializers.CharField(help_text="The page (and field) where the reason is fixed.")


class RefusalSerializer(serializers.Serializer):
    detail = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
    refusals = ReasonSerializer(many=True)


# Plans -------------------------------------------------------------------------------------------------


class ServiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlannedService
        fields = ["id", "name", "description", "priority", "outcomes", "issues_and_risks", "version"]


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AppraisalCriterion
        fields = ["id", "name", "weight"]


class AgainstBaselineSerializer(serializers.Serializer):
    """An option's figures against the appraisal's baseline (the status quo), discounted at its rate."""

    pv_benefits = serializers.DecimalField(
        max_digits=20, decimal_places=2, help_text="Present value of the extra benefits and costs saved."
    )
    pv_costs = serializers.DecimalField(
        max_digits=20, decimal_places=2, help_text="Present value of the extra costs and benefits lost."
    )
    npv = serializers.DecimalField(max_digits=20, decimal_places=2, help_text="pv_benefits - pv_costs.")
    roi = serializers.DecimalField(
        max_digits=20, decimal_places=1, allow_null=True, help_text="npv / pv_costs, a percentage."
    )
    bcr = serializers.DecimalField(
        max_digits=20,
        decimal_places=2,
        allow_null=True,
        help_text="Benefit-cost ratio: pv_benefits / pv_costs.",
    )
    payback_year = serializers.IntegerField(
        allow_null=True,
        help_text="The first year the cumulative discounted net benefit is 0 or more; null if not within "
        "the appraisal period.",
    )


class OptionSerializer(serializers.ModelSerializer):
    whole_life_cost = serializers.DecimalField(max_digits=20, decimal_places=2, read_only=True)
    whole_life_benefit = serializers.DecimalField(max_digits=20, decimal_places=2, read_only=True)
    roi = serializers.DecimalField(
        max_digits=20,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text="Gross return on investment, undiscounted, not against the baseline.",
    )
    npv = serializers.DecimalField(
        max_digits=20,
        decimal_places=2,
        read_only=True,
        help_text="Gross net present value, not against the baseline.",
    )
    net_present_cost = serializers.DecimalField(max_digits=20, decimal_places=2, read_only=True)
    is_baseline = serializers.BooleanField(read_only=True, help_text="This option is the status quo.")
    against_baseline = AgainstBaselineSerializer(
        read_only=True, allow_null=True, help_text="Null for the baseline itself and while none is chosen."
    )
    score = serializers.DecimalField(
        max_digits=6, decimal_places=1, read_only=True, allow_null=True, help_text="Weighted, out of 100."
    )
    rank = serializers.IntegerField(read_only=True, allow_null=True)
    adopted = serializers.BooleanField(read_only=True)

    class Meta:
        model = DeliveryOption
        fields = [
            "id",
            "name",
            "channel",
            "description",
            "governance",
            "outcomes_achieved",
            "policy_alignment",
            "one_off_cost",
            "annual_cost",
            "annual_benefit",
            "other_resources",
            "risks",
            "strengths",
            "weaknesses",
            "opportunities",
            "threats",
            "value_for_money_evidence",
            "decommission_impact",
            "rejection_reason",
            "whole_life_cost",
            "whole_life_benefit",
            "roi",
            "npv",
            "net_present_cost",
            "is_baseline",
            "against_baseline",
            "score",
            "rank",
            "adopted",
            "version",
        ]

    def to_representation(self, instance):
        figures = self.context.get("figures", {}).get(instance.pk)
        data = super().to_representation(instance)
        for name in (
            "whole_life_cost", "whole_life_benefit", "roi", "npv", "net_present_cost", "is_baseline", "score",
            "rank", "adopted",
        ):  # fmt: skip
            value = getattr(figures, name, None) if figures else None
            data[name] = str(value) if isinstance(value, Decimal) else value
        against = getattr(figures, "against_baseline", None)
        data["against_baseline"] = AgainstBaselineSerializer(against).data if against else None
        return data


class AppraisalSerializer(serializers.ModelSerializer):
    criteria = CriterionSerializer(many=True, read_only=True)
    options = OptionSerializer(many=True, read_only=True)

    class Meta:
        model = OptionsAppraisal
        fields = [
            "id",
            "title",
            "services",
            "years",
            "discount_rate",
            "adopted_option",
            "adoption_rationale",
            "baseline_option",
            "criteria",
            "options",
            "version",
        ]


class CommercialModelSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommercialModel
        exclude = ["plan", "created_at"]


class ContractKpiSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContractKpi
        fields = ["id", "name", "measurement", "target", "payment_deduction", "version"]


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "plan", "title", "due_date", "owner", "status", "contractual", "version"]
        read_only_fields = ["id", "plan", "version"]


class RiskSerializer(serializers.ModelSerializer):
    score = serializers.IntegerField(read_only=True)
    rating = serializers.CharField(read_only=True)

    class Meta:
        model = Risk
        fields = [
            "id",
            "plan",
            "description",
            "likelihood",
            "impact",
            "score",
            "rating",
            "owner",
            "mitigating_actions",
            "review_date",
            "status",
            "version",
        ]
        read_only_fields = ["id", "plan", "version"]


class PlanSerializer(serializers.ModelSerializer):
    strategy_reference = serializers.CharField(source="strategy.reference", read_only=True)
    services = ServiceSerializer(many=True, read_only=True, source="plannedservices")
    page = PageLink()

    class Meta:
        model = CommissioningPlan
        fields = [
            "id",
            "strategy",
            "strategy_reference",
            "cycle",
            "title",
            "summary",
            "outcomes",
            "current_budget",
            "current_staff",
            "current_resources",
            "significant_issues",
            "governance",
            "contract_management",
            "confidential",
            "exemption",
            "services",
            "version",
            "created_at",
            "page",
        ]


class PlanDetailSerializer(PlanSerializer):
    appraisals = serializers.SerializerMethodField()
    commercial_model = serializers.SerializerMethodField()
    contract_kpis = ContractKpiSerializer(many=True, read_only=True, source="contractkpis")
    milestones = MilestoneSerializer(many=True, read_only=True)
    risks = RiskSerializer(many=True, read_only=True)
    checklist = ChecklistItemSerializer(many=True, read_only=True, source="api_checklist")

    class Meta(PlanSerializer.Meta):
        fields = [
            *PlanSerializer.Meta.fields,
            "appraisals",
            "commercial_model",
            "contract_kpis",
            "milestones",
            "risks",
            "checklist",
        ]

    @extend_schema_field(AppraisalSerializer(many=True))
    def get_appraisals(self, plan):
        from plans.appraisal import compare

        out = []
        for appraisal in plan.optionsappraisals.all():
            figures = {
                f.option.pk: f for f in compare(appraisal, appraisal.options.all(), appraisal.criteria.all())
            }
            out.append(AppraisalSerializer(appraisal, context={**self.context, "figures": figures}).data)
        return out

    @extend_schema_field(CommercialModelSerializer(allow_null=True))
    def get_commercial_model(self, plan):
        model = getattr(plan, "commercial_model", None) if hasattr(plan, "commercial_model") else None
        return CommercialModelSerializer(model, context=self.context).data if model else None


# Do and Review -------------------------------------------------------------------------------------------


class ContractSerializer(serializers.ModelSerializer):
    strategy_reference = serializers.CharField(source="strategy.reference", read_only=True)
    register_reference = serializers.CharField(read_only=True)
    supplier_is_vcse = serializers.BooleanField(read_only=True)
    ending_soon = serializers.BooleanField(read_only=True)
    page = PageLink()

    class Meta:
        model = Contract
        fields = [
            "id",
            "strategy",
            "strategy_reference",
            "plan",
            "option",
            "kind",
            "reference",
            "register_reference",
            "title",
            "description",
            "provider",
            "sector",
            "supplier_registration",
            "supplier_is_sme",
            "supplier_is_vcse",
            "channel",
            "procurement_route",
            "annual_value",
            "start_date",
            "end_date",
            "extension_options",
            "ending_soon",
            "confidential",
            "exemption",
            "version",
            "created_at",
            "page",
        ]


class LatestSerializer(serializers.Serializer):
    period_end = serializers.DateField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2)


class KpiSerializer(serializers.ModelSerializer):
    strategy_reference = serializers.CharField(source="strategy.reference", read_only=True)
    latest = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField(help_text="Computed from the latest actual, with polarity.")
    direction = serializers.SerializerMethodField(help_text="Against the previous period, with polarity.")
    page = PageLink()

    class Meta:
        model = Kpi
        fields = [
            "id",
            "strategy",
            "strategy_reference",
            *KPI_FIELDS,  # what the KPI page edits
            "latest",
            "status",
            "direction",
            "version",
            "created_at",
            "page",
        ]

    def _position(self, kpi):
        if not hasattr(kpi, "_api_position"):
            kpi._api_position = delivery.selectors.positions([kpi])[0]
        return kpi._api_position

    @extend_schema_field(LatestSerializer(allow_null=True))
    def get_latest(self, kpi):
        latest = self._position(kpi).latest
        return {"period_end": latest[0].isoformat(), "value": str(latest[1])} if latest else None

    @extend_schema_field(
        serializers.ChoiceField(
            choices=[performance.ACHIEVED, performance.WITHIN, performance.NOT_ACHIEVED], allow_null=True
        )
    )
    def get_status(self, kpi):
        return self._position(kpi).status

    @extend_schema_field(
        serializers.ChoiceField(
            choices=[performance.IMPROVING, performance.NO_CHANGE, performance.WORSENING], allow_null=True
        )
    )
    def get_direction(self, kpi):
        return self._position(kpi).direction


class MeasurementSerializer(serializers.ModelSerializer):
    recorded_by = PersonSerializer(read_only=True)

    class Meta:
        model = Measurement
        fields = ["id", "kpi", "period_end", "value", "note", "recorded_by", "recorded_at"]


def _check_value(value):
    if abs(value) >= VALUE_LIMIT:
        raise serializers.ValidationError(f"The value is too large: it must be less than {VALUE_LIMIT:,}.")
    return value


class LocalityMeasurementSerializer(serializers.ModelSerializer):
    locality = serializers.CharField(source="locality.code", read_only=True, help_text="Its ONS code.")
    locality_name = serializers.CharField(source="locality.name", read_only=True)

    class Meta:
        model = LocalityMeasurement
        fields = ["id", "kpi", "locality", "locality_name", "period_end", "value", "recorded_at"]


class MeasurementWriteSerializer(serializers.Serializer):
    """One actual: recording a period that already has one corrects it (the history keeps the old value)."""

    kpi = serializers.IntegerField(min_value=1, help_text="The KPI's id.")
    period_end = serializers.DateField(
        help_text="The last day of a period that has ended, on the KPI's reporting calendar, like 2026-03-31.",
        validators=[dates.validator("The period end")],
    )
    value = serializers.DecimalField(max_digits=14, decimal_places=2, validators=[_check_value])
    note = serializers.CharField(max_length=NOTE_MAX, required=False, allow_blank=True, default="")
    locality = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text="A ward or locality's ONS code: the actual is that locality's figure, not the council-wide "
        "total.",
    )


class MeasurementChangeSerializer(serializers.Serializer):
    value = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, validators=[_check_value]
    )
    note = serializers.CharField(max_length=NOTE_MAX, required=False, allow_blank=True)


class BulkMeasurementsSerializer(serializers.Serializer):
    """The schema of a bulk request; the view checks each row on its own, to report every bad one."""

    measurements = MeasurementWriteSerializer(many=True, help_text="From 1 to 1,000 actuals.")

    MAX_ROWS = 1000

    @classmethod
    def rows(cls, data) -> list:
        rows = data.get("measurements") if isinstance(data, dict) else None
        if not isinstance(rows, list) or not rows:
            raise serializers.ValidationError({"measurements": ["Send a list of actuals in 'measurements'."]})
        if len(rows) > cls.MAX_ROWS:
            raise serializers.ValidationError(
                {"measurements": [f"Send at most {cls.MAX_ROWS:,} actuals at once, in several requests."]}
            )
        return rows


class RowErrorSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="The row's position in `measurements`, from 0.")
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class BulkRefusalSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = RowErrorSerializer(many=True, required=False, help_text="Absent when the body is not JSON.")


class BulkDoneSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    corrected = serializers.IntegerField()
    measurements = MeasurementSerializer(many=True)
    by_locality = LocalityMeasurementSerializer(many=True, help_text="The figures by locality recorded.")


class ImportProblemSerializer(serializers.Serializer):
    line = serializers.IntegerField(allow_null=True)
    message = serializers.CharField()


class ImportRefusalSerializer(serializers.Serializer):
    detail = serializers.CharField()
    problems = ImportProblemSerializer(many=True, help_text="The first 100 problems, by line.")
    more_problems = serializers.IntegerField(help_text="How many more problems the file has, not listed.")


# The programme gateway -----------------------------------------------------------------------------------


class FindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = AreaFinding
        fields = ["id", "area", "rating", "comments", "version"]


class ReviewActionSerializer(serializers.ModelSerializer):
    owner = PersonSerializer(read_only=True)
    strategy = serializers.IntegerField(source="review.strategy_id", read_only=True)
    page = PageLink(url=lambda action: reverse("gateway:action", args=[action.pk]))

    class Meta:
        model = ReviewAction
        fields = ["id", "review", "strategy", "kind", "description", "owner", "due_date", "status", "update",
                  "version", "page"]  # fmt: skip


class GatewayReviewSerializer(serializers.ModelSerializer):
    strategy_reference = serializers.CharField(source="strategy.reference", read_only=True)
    scheduled_by = PersonSerializer(read_only=True)
    findings = FindingSerializer(many=True, read_only=True)
    actions = ReviewActionSerializer(many=True, read_only=True)
    page = PageLink()

    class Meta:
        model = GatewayReview
        fields = [
            "id",
            "strategy",
            "strategy_reference",
            "scheduled_for",
            "scheduled_by",
            "focus",
            "status",
            "verdict",
            "verdict_summary",
            "findings",
            "actions",
            "version",
            "page",
        ]


# Councillors' decisions ----------------------------------------------------------------------------------


class DecisionSerializer(serializers.ModelSerializer):
    strategy_reference = serializers.CharField(source="strategy.reference", read_only=True)
    page = PageLink()

    class Meta:
        model = DecisionRecord
        fields = ["id", "strategy", "strategy_reference", "subject", "result", "title", "summary", "decided_by",
                  "conflicts", "decided_at", "page"]  # fmt: skip


# Decision notices and call-in ------------------------------------------------------------------------------


class CallInSerializer(serializers.ModelSerializer):
    member = serializers.CharField(source="member.get_full_name", read_only=True)

    class Meta:
        model = CallIn
        fields = ["member", "reasons", "made_at"]


class CallInOutcomeSerializer(serializers.ModelSerializer):
    class Meta:
        model = CallInOutcome
        fields = ["outcome", "reasons", "recorded_at"]


class DecisionNoticeSerializer(serializers.ModelSerializer):
    decision = serializers.IntegerField(source="record_id", read_only=True)
    title = serializers.CharField(source="record.title", read_only=True)
    strategy = serializers.IntegerField(source="record.strategy_id", read_only=True)
    result = serializers.CharField(source="record.result", read_only=True)
    decided_at = serializers.DateTimeField(source="record.decided_at", read_only=True)
    status = serializers.CharField(
        source="standing.label",
        read_only=True,
        help_text="Not yet in effect, In effect, Called in, Referred back or Referred to full council.",
    )
    in_effect = serializers.BooleanField(source="standing.in_effect", read_only=True)
    reason = serializers.CharField(
        source="standing.reason", read_only=True, help_text="Why it is not in effect."
    )
    call_ins = CallInSerializer(many=True, read_only=True)
    outcomes = CallInOutcomeSerializer(many=True, read_only=True)
    page = PageLink()

    class Meta:
        model = DecisionNotice
        fields = ["id", "decision", "title", "strategy", "result", "decided_at", "published_at", "call_in_ends",
                  "members_needed", "status", "in_effect", "reason", "call_ins", "outcomes", "page"]  # fmt: skip


class KeyDecisionExceptionSerializer(serializers.ModelSerializer):
    chair = serializers.CharField(source="chair.get_full_name", read_only=True)

    class Meta:
        model = KeyDecisionException
        fields = ["kind", "chair", "chair_told_on", "published_on", "reasons", "recorded_at"]


class ForwardPlanEntrySerializer(serializers.ModelSerializer):
    may_be_taken_from = serializers.SerializerMethodField(
        help_text="The first day the key decision may be taken: after the forward plan's notice period, or "
        "sooner by a recorded exception."
    )
    exceptions = KeyDecisionExceptionSerializer(many=True, read_only=True)
    page = PageLink()

    class Meta:
        model = ForwardPlanEntry
        fields = ["id", "strategy", "cycle", "subject", "plan", "matter", "decision_maker", "expected_on",
                  "published_on", "in_private", "private_reasons", "private_paragraph", "private_notice_on",
                  "may_be_taken_from", "exceptions", "page"]  # fmt: skip

    def get_may_be_taken_from(self, entry) -> date:
        days = [
            callin.earliest_by_notice(entry),
            *(callin.earliest_by_exception(e) for e in entry.exceptions.all()),
        ]
        return min(days)


class CallInRequestSerializer(serializers.Serializer):
    reasons = serializers.CharField(max_length=limits.SUMMARY, allow_blank=True)


class CallInDoneSerializer(serializers.Serializer):
    status = serializers.CharField()
    call_ins = serializers.IntegerField()


# Meetings and their packs -----------------------------------------------------------------------------------


class AgendaItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    strategy = serializers.IntegerField(source="strategy_id", allow_null=True)
    confidential = serializers.BooleanField(
        help_text="Exempt from publication: its papers are in the confidential pack."
    )
    exemption = serializers.CharField(allow_blank=True)


class PackSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    part = serializers.CharField()
    version = serializers.IntegerField()
    sha256 = serializers.CharField()
    pages = serializers.IntegerField()
    size = serializers.IntegerField()
    built_at = serializers.DateTimeField()
    download = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_download(self, pack):
        url = reverse("api:pack-download", args=[pack.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class MeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    board = serializers.IntegerField(source="board_id")
    board_name = serializers.CharField(source="board.name")
    starts_at = serializers.DateTimeField()
    venue = serializers.CharField()
    minutes = serializers.CharField(allow_blank=True)
    items = AgendaItemSerializer(many=True)
    version = serializers.IntegerField()
    page = PageLink()


class MeetingDetailSerializer(MeetingSerializer):
    packs = PackSerializer(many=True, source="api_packs", help_text="Only the packs you may download.")


# Members' interests and approvals -------------------------------------------------------------------------


class InterestSerializer(serializers.Serializer):
    """A register entry as the caller may read it: in full for the member and democratic services; for everyone
    else as published (a sensitive interest's details withheld, Localism Act 2011 s.32)."""

    id = serializers.IntegerField()
    member = serializers.IntegerField(source="member_id")
    member_name = serializers.CharField(source="member.__str__")
    category = serializers.ChoiceField(choices=InterestCategory.choices)
    category_label = serializers.CharField(source="get_category_display")
    disclosable = serializers.BooleanField(
        help_text="A disclosable pecuniary interest (the 2012 Regulations)."
    )
    held_by = serializers.CharField(allow_blank=True)
    body = serializers.CharField(allow_blank=True, help_text="Who or what the interest is in.")
    description = serializers.CharField(allow_blank=True)
    providers = serializers.ListField(child=serializers.CharField())
    wards = serializers.ListField(child=serializers.CharField())
    services = serializers.ListField(child=serializers.CharField())
    strategies = serializers.ListField(child=serializers.CharField(), help_text="Their references.")
    value = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    arose_on = serializers.DateField(allow_null=True)
    ended_on = serializers.DateField(allow_null=True)
    sensitive = serializers.BooleanField(help_text="Details withheld from publication (s.32).")
    page = PageLink(url=lambda obj: reverse("members:interests", args=[obj.member_id]))

    def to_representation(self, instance):
        full = self.context.get("full", lambda interest: False)(instance)
        shown = members.selectors.published(instance)
        data = {
            "id": instance.pk,
            "member": instance.member_id,
            "member_name": str(instance.member),
            "category": instance.category,
            "category_label": instance.get_category_display(),
            "disclosable": instance.disclosable,
            "held_by": instance.get_held_by_display() if full else shown.held_by,
            "body": instance.body if full else shown.body,
            "description": instance.description if full else shown.description,
            "providers": Interest.lines(instance.providers) if full else shown.providers,
            "wards": Interest.lines(instance.wards) if full else shown.wards,
            "services": Interest.lines(instance.services) if full else shown.services,
            "strategies": [s.reference for s in instance.strategies.all()] if full else shown.strategies,
            "value": instance.value if full else shown.value,
            "arose_on": instance.arose_on if full else shown.arose_on,
            "ended_on": instance.ended_on if full else None,
            "sensitive": instance.sensitive,
        }
        for name in ("value",):
            if data[name] is not None:
                data[name] = f"{data[name]:.2f}"
        for name in ("arose_on", "ended_on"):
            if data[name] is not None:
                data[name] = data[name].isoformat()
        data["page"] = self.fields["page"].to_representation(instance)
        return data


class DeclarationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Declaration
        fields = ["id", "member", "kind", "interest", "details", "declared_at"]


class ApprovalSerializer(serializers.ModelSerializer):
    strategy_reference = serializers.CharField(source="strategy.reference", read_only=True)
    approvers = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    declarations = DeclarationSerializer(many=True, read_only=True)
    page = PageLink()

    class Meta:
        model = ApprovalRequest
        fields = ["id", "strategy", "strategy_reference", "plan", "subject", "rule", "status", "approvers",
                  "content_hash", "decision_due", "requested_at", "closed_at", "declarations", "page"]  # fmt: skip


class DeclarationWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[Declaration.Kind.DISCLOSABLE, Declaration.Kind.OTHER],
        help_text="dpi: a disclosable pecuniary interest, which bars deciding unless a dispensation covers it.",
    )
    details = serializers.CharField(max_length=SUMMARY, allow_blank=True, required=False, default="")
    interest = serializers.IntegerField(
        min_value=ID_MIN, max_value=ID_MAX, required=False, allow_null=True, help_text="Your register entry."
    )


class ApprovalDecisionWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ApprovalDecision.Kind.choices)
    reasons = serializers.CharField(max_length=SUMMARY)
    content_hash = serializers.CharField(
        max_length=64, help_text="The version you decide on: the request's content_hash as you read it."
    )
    declaration = DeclarationWriteSerializer(required=False, allow_null=True)
    confirmed_none = serializers.BooleanField(
        required=False,
        default=False,
        help_text="When your register flags interests touching the strategy: none of them concerns it.",
    )


class ApprovalDecisionSerializer(serializers.ModelSerializer):
    request_status = serializers.CharField(source="request.status", read_only=True)

    class Meta:
        model = ApprovalDecision
        fields = ["id", "request", "approver", "kind", "reasons", "conflict_declared", "conflict_details",
                  "decided_at", "request_status"]  # fmt: skip


class AttendanceSerializer(serializers.Serializer):
    person = serializers.IntegerField(source="person_id")
    name = serializers.CharField(source="person")
    status = serializers.CharField(help_text="present, apologies, absent, substitute or officer")
    substitute_for = serializers.IntegerField(source="substitute_for_id", allow_null=True)
    role = serializers.CharField(allow_blank=True, help_text="An officer's job title.")


class MeetingAttendanceSerializer(serializers.Serializer):
    meeting = serializers.IntegerField(source="pk")
    present = serializers.IntegerField(help_text="Members present and substitutes: those the quorum counts.")
    quorum = serializers.IntegerField()
    quorate = serializers.BooleanField()
    attendance = AttendanceSerializer(many=True)


class MeetingDeclarationSerializer(serializers.Serializer):
    member = serializers.IntegerField(source="member_id")
    name = serializers.CharField(source="member")
    kind = serializers.CharField(help_text="dpi (disclosable pecuniary interest), other or none")
    text = serializers.CharField(allow_blank=True)
    dispensation = serializers.CharField(allow_blank=True)


class VoteSerializer(serializers.Serializer):
    member = serializers.IntegerField(source="member_id")
    way = serializers.CharField()


class ResolutionSerializer(serializers.Serializer):
    item = serializers.IntegerField(source="item_id")
    position = serializers.IntegerField(source="item.position")
    title = serializers.CharField(source="item.title")
    exempt = serializers.BooleanField(source="item.confidential")
    outcome = serializers.CharField()
    wording = serializers.SerializerMethodField(help_text="Null for an exempt item you may not read.")
    unanimous = serializers.BooleanField()
    votes_for = serializers.IntegerField(allow_null=True)
    votes_against = serializers.IntegerField(allow_null=True)
    abstentions = serializers.IntegerField(allow_null=True)
    votes = VoteSerializer(many=True, source="votes.all", help_text="A recorded vote, if one was taken.")
    declarations = MeetingDeclarationSerializer(many=True, source="item.declarations.all")
    settles = serializers.SerializerMethodField(help_text="The approval requests this resolution settles.")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_wording(self, resolution):
        return resolution.wording if resolution.shown else None

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_settles(self, resolution):
        return [a.pk for a in resolution.settles.all()]


class MinutesSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    sha256 = serializers.CharField()
    approved_at = serializers.DateTimeField()
    approved_at_meeting = serializers.IntegerField(source="approved_at_item.meeting_id")
    approved_at_item = serializers.IntegerField(source="approved_at_item_id")
    text = serializers.CharField()


class MeetingResolutionsSerializer(serializers.Serializer):
    meeting = serializers.IntegerField(source="pk")
    resolutions = ResolutionSerializer(many=True, source="api_resolutions")
    approved_minutes = MinutesSerializer(
        source="api_minutes",
        allow_null=True,
        help_text="The minutes approved as a correct record; null until then.",
    )


# The public record (open data: no token) ---------------------------------------------------------------------


class PublishedItemSerializer(serializers.Serializer):
    """An agenda item as published: an exempt one by its title and paragraph of Schedule 12A only."""

    id = serializers.IntegerField()
    position = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    exempt = serializers.BooleanField(source="confidential")
    exemption = serializers.CharField(
        source="exemption_label", default="", help_text="Schedule 12A paragraph"
    )
    page = serializers.SerializerMethodField()

    def get_page(self, entry) -> str | None:
        if entry["confidential"]:
            return None
        return settings.SITE_URL + reverse("public:item", args=[self.context["meeting"].pk, entry["id"]])


class PublicationSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    label = serializers.CharField()
    published_at = serializers.DateTimeField()
    deadline = serializers.DateField(help_text="The statutory publication deadline")
    late = serializers.BooleanField()
    urgency_reasons = serializers.CharField(allow_blank=True)
    changes = serializers.ListField(child=serializers.CharField())
    sha256 = serializers.CharField(help_text="SHA-256 of the agenda as published")
    pack_sha256 = serializers.CharField(source="public_pack.sha256", default=None, allow_null=True)
    pack = serializers.SerializerMethodField()

    def get_pack(self, publication) -> str | None:
        if getattr(publication, "public_pack", None) is None:
            return None
        return settings.SITE_URL + reverse("public:pack", args=[publication.meeting_id, publication.version])


class PublicMeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    board = serializers.IntegerField(source="board_id")
    board_name = serializers.CharField(source="board.name")
    starts_at = serializers.DateTimeField()
    venue = serializers.CharField()
    published_version = serializers.IntegerField()
    page = serializers.SerializerMethodField()

    def get_page(self, meeting) -> str:
        return settings.SITE_URL + reverse("public:meeting", args=[meeting.pk])


class PublicMeetingDetailSerializer(PublicMeetingSerializer):
    agenda = serializers.SerializerMethodField()
    versions = PublicationSerializer(many=True, source="api_versions")

    @extend_schema_field(PublishedItemSerializer(many=True))
    def get_agenda(self, meeting):
        items = meeting.api_versions[0].snapshot["items"] if meeting.api_versions else []
        return PublishedItemSerializer(items, many=True, context={**self.context, "meeting": meeting}).data


class PublicDecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    strategy = serializers.CharField(source="strategy.reference")
    subject = serializers.CharField()
    result = serializers.CharField()
    summary = serializers.CharField()
    decided_by = serializers.CharField()
    decided_at = serializers.DateTimeField()


class TaskSerializer(serializers.Serializer):
    """One of the caller's open tasks (commissioning.worklist)."""

    kind = serializers.CharField()
    kind_label = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField(help_text="The page where the task is done.")
    due = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()
    detail = serializers.CharField()


class SearchHitSerializer(serializers.Serializer):
    title = serializers.CharField(help_text="HTML: escaped, the matching words in <mark>.")
    url = serializers.CharField()
    snippet = serializers.CharField(help_text="HTML: escaped, the matching words in <mark>.")
    date = serializers.DateField(allow_null=True)


class SearchGroupSerializer(serializers.Serializer):
    kind = serializers.CharField(source="key")
    label = serializers.CharField()
    count = serializers.IntegerField()
    hits = SearchHitSerializer(many=True)


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField()
    near_misses = serializers.BooleanField()
    groups = SearchGroupSerializer(many=True)


class NoticeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    subject = serializers.CharField(source="notification.subject")
    body = serializers.CharField(source="notification.body")
    url = serializers.CharField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text="These; all unread when left out.",
    )
