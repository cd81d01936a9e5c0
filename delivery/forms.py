from django import forms
from django.utils import timezone

from commissioning.exempt import EXEMPTION_CHOICES, clean_exemption
from commissioning.forms import GovukFormMixin, VersionedFormMixin
from plans.models import ContractKpi, DeliveryOption
from strategies.models import FrameworkIndicator, Outcome, Trigger

from . import periods
from .models import Contract, DueDiligenceCheck, Kpi, Measurement, ReviewRecord


class DateInput(forms.DateInput):
    input_type = "date"


class OptionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_channel_display()}), plan '{obj.adopted_by.plan.title}'"


CONTRACT_FIELDS = [
    "kind",
    "title",
    "provider",
    "sector",
    "annual_value",
    "start_date",
    "end_date",
    "extension_options",
    # The contracts register (Local Government Transparency Code)
    "reference",
    "description",
    "procurement_route",
    "supplier_registration",
    "supplier_is_sme",
    "confidential",
    "exemption",
]
CONTRACT_WIDGETS = {
    "kind": forms.RadioSelect,
    "sector": forms.RadioSelect,
    "description": forms.Textarea(attrs={"rows": 3}),
    "start_date": DateInput,
    "end_date": DateInput,
}


class ContractForm(GovukFormMixin, forms.ModelForm):
    option = OptionChoiceField(
        label="Adopted option it delivers", queryset=None, empty_label="Choose an option"
    )

    class Meta:
        model = Contract
        fields = ["option", *CONTRACT_FIELDS]
        widgets = CONTRACT_WIDGETS

    def __init__(self, *args, strategy=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = DeliveryOption.objects.filter(
            adopted_by__plan__strategy=strategy, adopted_by__plan__cycle=strategy.cycle
        ).select_related("adopted_by__plan")
        self.fields["kind"].choices = Contract.Kind.choices
        self.fields["exemption"].choices = EXEMPTION_CHOICES
        self.fields["sector"].choices = Contract.Sector.choices
        self.auto_id = "id_contract_%s"

    def clean(self):
        return clean_exemption(self, super().clean())


class ContractEditForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Contract
        fields = CONTRACT_FIELDS
        widgets = CONTRACT_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Contract.Kind.choices
        self.fields["exemption"].choices = EXEMPTION_CHOICES
        self.fields["sector"].choices = Contract.Sector.choices

    def clean(self):
        return clean_exemption(self, super().clean())

    def changes(self):
        return {name: self.cleaned_data[name] for name in CONTRACT_FIELDS}


class CheckForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = DueDiligenceCheck
        fields = ["status", "evidence", "checked_on", "review_due"]
        widgets = {
            "status": forms.RadioSelect,
            "evidence": forms.Textarea(attrs={"rows": 3}),
            "checked_on": DateInput,
            "review_due": DateInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = DueDiligenceCheck.Status.choices

    def clean(self):
        data = super().clean()
        if (
            data.get("status") == DueDiligenceCheck.Status.SATISFIED
            and not (data.get("evidence") or "").strip()
        ):
            self.add_error("evidence", "Enter the evidence the check is satisfied on")
        return data


KPI_FIELDS = [
    "name",
    "outcome",
    "indicator",
    "contract",
    "contract_kpi",
    "unit",
    "polarity",
    "baseline",
    "target",
    "tolerance",
    "frequency",
]


class KpiForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Kpi
        fields = KPI_FIELDS
        widgets = {"polarity": forms.RadioSelect, "frequency": forms.RadioSelect}

    def __init__(self, *args, strategy=None, **kwargs):
        super().__init__(*args, **kwargs)
        strategy = strategy or self.instance.strategy
        self.fields["outcome"].queryset = Outcome.objects.filter(strategy=strategy)
        self.fields["indicator"].queryset = FrameworkIndicator.objects.select_related("framework")
        self.fields["contract"].queryset = Contract.objects.filter(strategy=strategy)
        self.fields["contract_kpi"].queryset = ContractKpi.objects.filter(
            plan__strategy=strategy, plan__cycle=strategy.cycle
        )
        self.fields["polarity"].choices = Kpi.Polarity.choices
        self.fields["frequency"].choices = Kpi.Frequency.choices
        if not self.instance.pk:
            self.auto_id = "id_kpi_%s"

    def clean_tolerance(self):
        value = self.cleaned_data.get("tolerance")
        if value is not None and value < 0:
            raise forms.ValidationError("Tolerance must be 0 or more")
        return value

    def changes(self):
        return {name: self.cleaned_data[name] for name in KPI_FIELDS}


class MeasurementForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["period_end", "value", "note"]
        widgets = {"period_end": DateInput}

    def __init__(self, *args, frequency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if frequency:
            self.fields["period_end"].help_text = (
                f"A period that has ended: {periods.calendar_hint(frequency)}, for example "
                f"{periods.latest(frequency, timezone.localdate()):%Y-%m-%d}"
            )


REVIEW_FIELDS = [
    "population_outcomes",
    "service_user_outcomes",
    "what_worked",
    "what_did_not",
    "lessons",
    "recommendation",
    "trigger",
]


class ReviewForm(VersionedFormMixin, forms.ModelForm):
    trigger = forms.ChoiceField(
        label="Trigger for recommissioning",
        choices=[("", "None"), *Trigger.choices],
        required=False,
        help_text="When recommending recommissioning: which of the seven triggers.",
    )

    class Meta:
        model = ReviewRecord
        fields = REVIEW_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in REVIEW_FIELDS[:5]} | {
            "recommendation": forms.RadioSelect
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].choices = ReviewRecord.Recommendation.choices
        self.fields["recommendation"].required = False

    def clean(self):
        data = super().clean()
        if data.get("recommendation") == ReviewRecord.Recommendation.RECOMMISSION and not data.get("trigger"):
            self.add_error("trigger", "Select the trigger for recommissioning")
        return data

    def changes(self):
        return {name: self.cleaned_data[name] or "" for name in REVIEW_FIELDS}
