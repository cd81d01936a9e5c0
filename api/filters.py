"""The list endpoints' filters (django-filter), documented in the OpenAPI schema."""

import django_filters as filters

from delivery.models import Contract, Kpi, Measurement
from gateway.models import GatewayReview, ReviewAction
from members.models import DecisionRecord, Meeting
from plans.models import CommissioningPlan, Milestone, Risk
from strategies import selectors
from strategies.models import Strategy


class StrategyFilter(filters.FilterSet):
    q = filters.CharFilter(method="search", label="Words in the reference, title or purpose")
    commissioner = filters.NumberFilter(method="by_commissioner", label="A commissioner's user id")

    class Meta:
        model = Strategy
        fields = ["stage", "directorate", "cycle", "is_joint"]

    def search(self, queryset, name, value):
        return selectors.with_words(queryset, value)

    def by_commissioner(self, queryset, name, value):
        return selectors.commissioned_by(queryset, value)


class PlanFilter(filters.FilterSet):
    class Meta:
        model = CommissioningPlan
        fields = ["strategy", "cycle", "confidential"]


class PlanPartFilter(filters.FilterSet):
    strategy = filters.NumberFilter(field_name="plan__strategy")


class MilestoneFilter(PlanPartFilter):
    due_before = filters.DateFilter(field_name="due_date", lookup_expr="lte")
    due_after = filters.DateFilter(field_name="due_date", lookup_expr="gte")

    class Meta:
        model = Milestone
        fields = ["plan", "status", "contractual"]


class RiskFilter(PlanPartFilter):
    class Meta:
        model = Risk
        fields = ["plan", "status"]


class ContractFilter(filters.FilterSet):
    ending_before = filters.DateFilter(field_name="end_date", lookup_expr="lte")
    ending_after = filters.DateFilter(field_name="end_date", lookup_expr="gte")

    class Meta:
        model = Contract
        fields = ["strategy", "plan", "kind", "sector", "channel", "procurement_route", "confidential"]


class KpiFilter(filters.FilterSet):
    class Meta:
        model = Kpi
        fields = ["strategy", "contract", "outcome", "polarity", "frequency"]


class MeasurementFilter(filters.FilterSet):
    strategy = filters.NumberFilter(field_name="kpi__strategy")
    period_after = filters.DateFilter(field_name="period_end", lookup_expr="gte")
    period_before = filters.DateFilter(field_name="period_end", lookup_expr="lte")

    class Meta:
        model = Measurement
        fields = ["kpi"]


class GatewayReviewFilter(filters.FilterSet):
    class Meta:
        model = GatewayReview
        fields = ["strategy", "status", "verdict"]


class ReviewActionFilter(filters.FilterSet):
    strategy = filters.NumberFilter(field_name="review__strategy")

    class Meta:
        model = ReviewAction
        fields = ["review", "kind", "status", "owner"]


class DecisionFilter(filters.FilterSet):
    decided_after = filters.DateFilter(field_name="decided_at", lookup_expr="date__gte")
    decided_before = filters.DateFilter(field_name="decided_at", lookup_expr="date__lte")

    class Meta:
        model = DecisionRecord
        fields = ["strategy", "subject", "result"]


class MeetingFilter(filters.FilterSet):
    after = filters.DateFilter(field_name="starts_at", lookup_expr="date__gte")
    before = filters.DateFilter(field_name="starts_at", lookup_expr="date__lte")

    class Meta:
        model = Meeting
        fields = ["board"]
