"""The list endpoints' filters (django-filter), documented in the OpenAPI schema.

Every number a filter passes to a query is checked first against what its column can hold, so an
out-of-range value answers 400 naming the parameter (django-filter's DecimalField used to pass
99999999999999999999 through to the database: OverflowError on SQLite, numeric-out-of-range on
PostgreSQL). The ranges are set once, on the filter types below, and the schema states them."""

import django_filters
from django import forms
from django.db import connection, models
from django_filters.filterset import FILTER_FOR_DBFIELD_DEFAULTS
from drf_spectacular.drainage import set_override

from commissioning.converters import ID_MAX, ID_MIN
from delivery.models import Contract, Kpi, Measurement
from gateway.models import GatewayReview, ReviewAction
from meetings.models import Meeting
from members.models import ApprovalRequest, DecisionRecord, Interest
from plans.models import CommissioningPlan, Milestone, Risk
from strategies import selectors
from strategies.models import Strategy

ID_SCHEMA = {"type": "integer", "format": "int64", "minimum": ID_MIN, "maximum": ID_MAX}


class IdFilter(django_filters.Filter):
    """A record's id: a whole number from 1 to the largest 64-bit key."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=ID_MIN, max_value=ID_MAX, **kwargs)
        set_override(self, "field", ID_SCHEMA)


class ObjectField(django_filters.fields.ModelChoiceField):
    """A related record by id: out-of-range and non-numeric ids are refused before the lookup."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        forms.IntegerField(min_value=ID_MIN, max_value=ID_MAX).clean(value)
        return super().to_python(value)


class ObjectFilter(django_filters.ModelChoiceFilter):
    field_class = ObjectField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        set_override(self, "field", ID_SCHEMA)


class IntegerFilter(django_filters.Filter):
    """A number held in an integer column, within that column's range on this database."""

    field_class = forms.IntegerField

    def __init__(self, *args, internal_type="BigIntegerField", **kwargs):
        low, high = connection.ops.integer_field_range(internal_type)
        super().__init__(*args, min_value=low, max_value=high, **kwargs)
        set_override(self, "field", {"type": "integer", "minimum": low, "maximum": high})


# The column's own type gives the range: a PositiveSmallIntegerField holds 0 to 32767, say.
INTEGER = {"filter_class": IntegerFilter, "extra": lambda field: {"internal_type": field.get_internal_type()}}


class FilterSet(django_filters.FilterSet):
    """The filter types every list endpoint uses: ids and integers bounded, related records by bounded id."""

    FILTER_DEFAULTS = {
        **FILTER_FOR_DBFIELD_DEFAULTS,
        models.AutoField: {"filter_class": IdFilter},
        models.BigAutoField: {"filter_class": IdFilter},
        models.ForeignKey: {**FILTER_FOR_DBFIELD_DEFAULTS[models.ForeignKey], "filter_class": ObjectFilter},
        models.OneToOneField: {
            **FILTER_FOR_DBFIELD_DEFAULTS[models.OneToOneField],
            "filter_class": ObjectFilter,
        },
        **dict.fromkeys(
            (
                models.SmallIntegerField,
                models.IntegerField,
                models.BigIntegerField,
                models.PositiveIntegerField,
                models.PositiveSmallIntegerField,
                models.PositiveBigIntegerField,
            ),
            INTEGER,
        ),
    }

    def get_form_class(self):
        # django-filter makes a form class, with a field for each filter, on every request. The fields depend on
        # nothing but the filters declared while no filter's queryset is read per request (a callable), so the
        # class is made once per filter set; each form still works on copies of its fields.
        made = type(self).__dict__.get("_form_class")
        if made is None:
            made = super().get_form_class()
            if not any(callable(getattr(f, "queryset", None)) for f in self.filters.values()):
                type(self)._form_class = made
        return made


class StrategyFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label="Words in the reference, title or purpose")
    commissioner = IdFilter(method="by_commissioner", label="A commissioner's user id")

    class Meta:
        model = Strategy
        fields = ["stage", "directorate", "cycle", "is_joint"]

    def search(self, queryset, name, value):
        return selectors.with_words(queryset, value)

    def by_commissioner(self, queryset, name, value):
        return selectors.commissioned_by(queryset, value)


class PlanFilter(FilterSet):
    class Meta:
        model = CommissioningPlan
        fields = ["strategy", "cycle", "confidential"]


class PlanPartFilter(FilterSet):
    strategy = IdFilter(field_name="plan__strategy")


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


class ContractFilter(FilterSet):
    ending_before = django_filters.DateFilter(field_name="end_date", lookup_expr="lte")
    ending_after = django_filters.DateFilter(field_name="end_date", lookup_expr="gte")

    class Meta:
        model = Contract
        fields = ["strategy", "plan", "kind", "sector", "channel", "procurement_route", "confidential"]


class KpiFilter(FilterSet):
    class Meta:
        model = Kpi
        fields = ["strategy", "contract", "outcome", "polarity", "frequency"]


class MeasurementFilter(FilterSet):
    strategy = IdFilter(field_name="kpi__strategy")
    period_after = django_filters.DateFilter(field_name="period_end", lookup_expr="gte")
    period_before = django_filters.DateFilter(field_name="period_end", lookup_expr="lte")

    class Meta:
        model = Measurement
        fields = ["kpi"]


class GatewayReviewFilter(FilterSet):
    class Meta:
        model = GatewayReview
        fields = ["strategy", "status", "verdict"]


class ReviewActionFilter(FilterSet):
    strategy = IdFilter(field_name="review__strategy")

    class Meta:
        model = ReviewAction
        fields = ["review", "kind", "status", "owner"]


class DecisionFilter(FilterSet):
    decided_after = django_filters.DateFilter(field_name="decided_at", lookup_expr="date__gte")
    decided_before = django_filters.DateFilter(field_name="decided_at", lookup_expr="date__lte")

    class Meta:
        model = DecisionRecord
        fields = ["strategy", "subject", "result"]


class MeetingFilter(FilterSet):
    after = django_filters.DateFilter(field_name="starts_at", lookup_expr="date__gte")
    before = django_filters.DateFilter(field_name="starts_at", lookup_expr="date__lte")

    class Meta:
        model = Meeting
        fields = ["board"]


class InterestFilter(FilterSet):
    disclosable = django_filters.BooleanFilter(
        method="by_disclosable", label="Disclosable pecuniary interests only"
    )

    class Meta:
        model = Interest
        fields = ["member", "category"]

    def by_disclosable(self, queryset, name, value):
        from members.models import DISCLOSABLE

        return (
            queryset.filter(category__in=DISCLOSABLE) if value else queryset.exclude(category__in=DISCLOSABLE)
        )


class ApprovalFilter(FilterSet):
    class Meta:
        model = ApprovalRequest
        fields = ["strategy", "subject", "status"]
