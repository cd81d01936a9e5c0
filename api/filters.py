"""The list endpoints' filters (django-filter), documented in the OpenAPI schema."""

import django_filters

from delivery.models import Contract, Kpi, Measurement
from gateway.models import GatewayReview, ReviewAction
from meetings.models import Meeting
from members.models import DecisionRecord
from plans.models import CommissioningPlan, Milestone, Risk
from strategies import selectors
from strategies.models import Strategy


class StrategyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Words in the reference, title or purpose")
    commissioner = django_filters.NumberFilter(method="by_commissioner", label="A commissioner's user id")

    class Meta:
        model = Strategy
        fields = ["stage", "directorate", "cycle", "is_joint"]

    def search(self, queryset, name, value):
        return selectors.with_words(queryset, value)

    def by_commissioner(self, queryset, name, value):
        return selectors.commissioned_by(queryset, value)


class PlanFilter(django_filters.FilterSet):
    class Meta:
        model = CommissioningPlan
        fields = ["strategy", "cycle", "confidential"]


class PlanPartFilter(django_filters.FilterSet):
    strategy = django_filters.NumberFilter(field_name="plan__strategy")


class MilestoneFilter(PlanPartFilter):
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")

    class Meta:
        model = Milestone
        fields = ["plan", "status", "contractual"]


class RiskFilter(PlanPartFilter):
    class Meta:
        model = Risk
        fields = ["plan", "status"]


class ContractFilter(django_filters.FilterSet):
    ending_before = django_filters.DateFilter(field_name="end_date", lookup_expr="lte")
    ending_after = django_filters.DateFilter(field_name="end_date", lookup_expr="gte")

    class Meta:
        model = Contract
        fields = ["strategy", "plan", "kind", "sector", "channel", "procurement_route", "confidential"]


class KpiFilter(django_filters.FilterSet):
    class Meta:
        model = Kpi
        fields = ["strategy", "contract", "outcome", "polarity", "frequency"]


class MeasurementFilter(django_filters.FilterSet):
    strategy = django_filters.NumberFilter(field_name="kpi__strategy")
    period_after = django_filters.DateFilter(field_name="period_end", lookup_expr="gte")
    period_before = django_filters.DateFilter(field_name="period_end", lookup_expr="lte")

    class Meta:
        model = Measurement
        fields = ["kpi"]


class GatewayReviewFilter(django_filters.FilterSet):
    class Meta:
        model = GatewayReview
        fields = ["strategy", "status", "verdict"]


class ReviewActionFilter(django_filters.FilterSet):
    strategy = django_filters.NumberFilter(field_name="review__strategy")

    class Meta:
        model = ReviewAction
        fields = ["review", "kind", "status", "owner"]


class DecisionFilter(django_filters.FilterSet):
    decided_after = django_filters.DateFilter(field_name="decided_at", lookup_expr="date__gte")
    decided_before = django_filters.DateFilter(field_name="decided_at", lookup_expr="date__lte")

    class Meta:
        model = DecisionRecord
        fields = ["strategy", "subject", "result"]


class MeetingFilter(django_filters.FilterSet):
    after = django_filters.DateFilter(field_name="starts_at", lookup_expr="date__gte")
    before = django_filters.DateFilter(field_name="starts_at", lookup_expr="date__lte")

    class Meta:
        model = Meeting
        fields = ["board"]
