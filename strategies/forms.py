from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model

from commissioning import limits, roles
from commissioning.forms import GovukFormMixin, PartForm, VersionedFormMixin

from .models import (
    NEEDS_CONSIDERATIONS,
    EvidenceItem,
    FrameworkIndicator,
    ImpactArea,
    ImpactEntry,
    InfluentialDocument,
    Interdependency,
    Outcome,
    PerformanceMetric,
    ScopeItem,
    ServiceAreaContribution,
    Stage,
    Stakeholder,
    StartingPositionItem,
    Strategy,
    Trigger,
)


def commissioner_choices():
    return get_user_model().objects.filter(is_active=True, groups__name=roles.COMMISSIONER).distinct()


class StrategyFieldsForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Strategy
        fields: list[str] = []

    def __init__(self, *args, may_choose_commissioners=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_choose_commissioners:  # shown, not sent: a disabled field keeps the saved value
            for name in {"accountable_commissioner", "commissioners"}.intersection(self.fields):
                self.fields[name].disabled = True
                self.fields[
                    name
                ].help_text = "Only administrators and the accountable commissioner can change this."
        for name in CHECKLIST_FIELDS.intersection(self.fields):
            self.fields[name].checklist = True
            hint = self.fields[name].help_text
            self.fields[name].help_text = f"{hint} Needed before the strategy can leave Analyse.".strip()
        if "accountable_commissioner" in self.fields:
            self.fields["accountable_commissioner"].queryset = commissioner_choices()
        if "commissioners" in self.fields:
            self.fields["commissioners"].queryset = commissioner_choices()
            self.fields["commissioners"].widget = forms.CheckboxSelectMultiple()
            self.fields["commissioners"].choices = [
                (u.pk, str(u)) for u in self.fields["commissioners"].queryset
            ]

    def clean(self):
        data = super().clean()
        if data.get("is_joint"):
            if not (data.get("lead_partner") or "").strip():
                self.add_error("lead_partner", "Enter the lead partner of this joint strategy")
            if not (data.get("partner_process") or "").strip():
                self.add_error("partner_process", "Describe the partner's process")
        return data

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name != "commissioners"}


class StrategyCreateForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Strategy
        fields = ["title", "purpose", "directorate", "accountable_commissioner"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accountable_commissioner"].queryset = commissioner_choices()


class EvidenceForm(PartForm):
    class Meta:
        model = EvidenceItem
        fields = ["title", "source", "kind", "link", "file", "evidence_date"]
        widgets = {"evidence_date": forms.DateInput(attrs={"type": "date"}), "file": forms.FileInput}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "size") and upload.size > settings.EVIDENCE_MAX_BYTES:
            raise forms.ValidationError("The file must be smaller than 20 MB")
        return upload


class OutcomeForm(PartForm):
    class Meta:
        model = Outcome
        fields = ["title", "description", "priorities", "indicators"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = FrameworkIndicator.objects.select_related("framework")


class MetricForm(PartForm):
    class Meta:
        model = PerformanceMetric
        fields = ["name", "outcome", "unit", "polarity", "baseline", "target"]
        widgets = {"polarity": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = Outcome.objects.filter(strategy=self.parent)


class ImpactFormMixin:
    """An entry of an integrated impact assessment (a strategy's or a plan's): one per area."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        areas = ImpactArea.objects.order_by("order", "name")
        self.fields["area"].queryset = areas
        self.fields["area"].label_from_instance = lambda a: (
            f"{a.name} ({a.get_kind_display().split(' (')[0].lower()})"
        )
        self.fields["impact"].widget = forms.RadioSelect(choices=self.fields["impact"].choices[1:])
        self.fields["impact"].choices = self.fields["impact"].choices[1:]

    def clean_area(self):
        area = self.cleaned_data["area"]
        parent_name = self.parent_field_name
        taken = self._meta.model.objects.filter(**{parent_name: self.parent, "area": area})
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if self.parent is not None and taken.exists():
            raise forms.ValidationError(f"{area} is already assessed: change that entry instead")
        return area


class ImpactForm(ImpactFormMixin, PartForm):
    parent_field_name = "strategy"

    class Meta:
        model = ImpactEntry
        fields = ["area", "impact", "evidence", "mitigation", "owner"]


class ScopeForm(PartForm):
    class Meta:
        model = ScopeItem
        fields = ["area", "in_scope", "reason"]
        widgets = {"in_scope": forms.RadioSelect}


class StakeholderForm(PartForm):
    class Meta:
        model = Stakeholder
        fields = ["name", "engagement", "how"]


class ContributionForm(PartForm):
    class Meta:
        model = ServiceAreaContribution
        fields = ["service_area", "contribution"]


class DocumentForm(PartForm):
    class Meta:
        model = InfluentialDocument
        fields = ["title", "publisher", "year", "link"]


class StartingPositionForm(PartForm):
    class Meta:
        model = StartingPositionItem
        fields = [
            "kind",
            "name",
            "provider",
            "annual_cost",
            "utilisation",
            "satisfaction",
            "outcomes_served",
            "provider_input",
        ]


class InterdependencyForm(PartForm):
    class Meta:
        model = Interdependency
        fields = ["other", "shared_outcome", "assumed_contribution", "direction"]
        widgets = {"direction": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = Strategy.objects.exclude(pk=self.parent.pk).exclude(
            stage=Stage.ARCHIVED
        )

    def clean_other(self):
        other = self.cleaned_data["other"]
        taken = Interdependency.objects.filter(strategy=self.parent, other=other).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                f"An interdependency with {other} is already recorded: change that one"
            )
        return other


class TransitionForm(GovukFormMixin, forms.Form):
    expected_stage = forms.ChoiceField(choices=Stage.choices, widget=forms.HiddenInput)
    trigger = forms.ChoiceField(
        label="Trigger", choices=Trigger.choices, widget=forms.RadioSelect, required=False
    )
    note = forms.CharField(
        label="Note", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=limits.NOTE
    )

    def __init__(self, *args, transition=None, **kwargs):
        super().__init__(*args, **kwargs)
        custom = transition["custom"] if transition else {}
        if custom.get("needs_trigger"):
            self.fields["trigger"].required = True
            self.fields["trigger"].error_messages["required"] = "Select the trigger for recommissioning"
            self.fields["note"].label = "Reason for recommissioning"
        else:
            del self.fields["trigger"]
        if custom.get("needs_trigger") or custom.get("needs_note"):
            self.fields["note"].required = True
            self.fields["note"].error_messages["required"] = "Enter the reason"
            if custom.get("needs_note"):
                self.fields["note"].label = "Reason"
        else:
            self.fields["note"].label = "Note"  # the field layout adds "(optional)"


class StrategyFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False)
    stage = forms.ChoiceField(label="Stage", required=False, choices=[("", "All stages"), *Stage.choices])
    directorate = forms.ModelChoiceField(
        label="Directorate", required=False, queryset=None, empty_label="All"
    )
    commissioner = forms.ModelChoiceField(
        label="Commissioner", required=False, queryset=None, empty_label="All"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from commissioning.models import Directorate

        self.fields["directorate"].queryset = Directorate.objects.all()
        self.fields["commissioner"].queryset = commissioner_choices()


NEEDS_FIELDS = ["needs_methodology", *NEEDS_CONSIDERATIONS]
# Text fields the minimum-requirements checklist asks for (strategies.checklist).
CHECKLIST_FIELDS = {"summary_of_findings", "emerging_issues", "data_gaps", *NEEDS_FIELDS}


class NotRequiredForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why is it not required?",
        help_text="For example, why the strategy's scale does not call for it. Councillors and scrutiny see this.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=limits.SUMMARY,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Enter the reason this item is not required"


class HistoryFilterForm(GovukFormMixin, forms.Form):
    """The strategy history's filters: part, person and dates (strategies.history.filtered)."""

    part = forms.ChoiceField(label="Part", required=False)
    person = forms.TypedChoiceField(label="Person", required=False, coerce=int, empty_value=None)
    since = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, parts=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = [("", "All parts"), *((p, p) for p in parts)]
        self.people = {p.pk: p for p in people}
        self.fields["person"].choices = [("", "Everyone"), *((p.pk, str(p)) for p in people)]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The 'to' date must be the same as or after the 'from' date")
        return data

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "part": data.get("part") or "",
            "person": self.people.get(data.get("person")),
            "since": data.get("since"),
            "until": data.get("until"),
        }
