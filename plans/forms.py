from django import forms

from commissioning import limits
from commissioning.exempt import EXEMPTION_CHOICES, clean_exemption
from commissioning.forms import GovukFormMixin, PartForm, VersionedFormMixin
from strategies.forms import ImpactFormMixin
from strategies.models import Outcome

from . import commercial
from .models import (
    CommercialModel,
    CommissioningPlan,
    ContractKpi,
    Milestone,
    NoPlanStatement,
    OptionsAppraisal,
    PlanImpactEntry,
    PlannedService,
    Risk,
)


def _outcomes_of(strategy):
    return Outcome.objects.filter(strategy=strategy).order_by("pk")


# Plan fields the plan checklist asks for (plans.checklist): drafts may be saved without them, but the
# form must not call them optional.
CHECKLIST_FIELDS = {"outcomes", "current_resources", "significant_issues", "governance"}


def _mark_checklist_fields(form):
    for name in CHECKLIST_FIELDS.intersection(form.fields):
        form.fields[name].checklist = True
    # Contract management is on the checklist once an external or partnership channel is adopted.
    if "contract_management" in form.fields and form.instance.pk and commercial.needs_model(form.instance):
        form.fields["contract_management"].checklist = True


class PlanFieldsForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = CommissioningPlan
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _mark_checklist_fields(self)
        if "exemption" in self.fields:
            self.fields["exemption"].choices = EXEMPTION_CHOICES
        if "outcomes" in self.fields:
            self.fields["outcomes"].queryset = _outcomes_of(self.instance.strategy)
            self.fields["outcomes"].widget = forms.CheckboxSelectMultiple()
            self.fields["outcomes"].choices = [(o.pk, o.title) for o in self.fields["outcomes"].queryset]

    def clean(self):
        return clean_exemption(self, super().clean())


class PlanCreateForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = CommissioningPlan
        fields = ["title", "summary", "outcomes"]

    def __init__(self, *args, strategy=None, **kwargs):
        super().__init__(*args, **kwargs)
        _mark_checklist_fields(self)
        self.fields["outcomes"].queryset = _outcomes_of(strategy)
        self.fields["outcomes"].widget = forms.CheckboxSelectMultiple()
        self.fields["outcomes"].choices = [(o.pk, o.title) for o in self.fields["outcomes"].queryset]


class NoPlanForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = NoPlanStatement
        fields = ["reasons"]


class ServiceForm(PartForm):
    class Meta:
        model = PlannedService
        fields = ["name", "description", "priority", "outcomes", "issues_and_risks"]
        widgets = {"priority": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].queryset = _outcomes_of(self.parent.strategy)


class AppraisalForm(PartForm):
    class Meta:
        model = OptionsAppraisal
        fields = ["title", "services", "years", "discount_rate"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = PlannedService.objects.filter(plan=self.parent)


class MilestoneForm(PartForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "owner", "status", "contractual"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}), "status": forms.RadioSelect}


class RiskForm(PartForm):
    class Meta:
        model = Risk
        fields = [
            "description",
            "likelihood",
            "impact",
            "owner",
            "mitigating_actions",
            "review_date",
            "status",
        ]
        widgets = {
            "review_date": forms.DateInput(attrs={"type": "date"}),
            "likelihood": forms.RadioSelect,
            "impact": forms.RadioSelect,
            "status": forms.RadioSelect,
        }


class KpiForm(PartForm):
    class Meta:
        model = ContractKpi
        fields = ["name", "measurement", "target", "payment_deduction"]


class PlanImpactForm(ImpactFormMixin, PartForm):
    parent_field_name = "plan"

    class Meta:
        model = PlanImpactEntry
        fields = ["area", "impact", "evidence", "mitigation", "owner"]


# Fields of the commercial model grouped as the seed lists the terms; starred terms are those members may
# want to be engaged on.
COMMERCIAL_GROUPS = [
    ("Duration", True, ["start_date", "end_date", "extension_options", "duration_rationale"]),
    ("Payment terms", True, ["payment_mechanism", "payment_terms", "indexation", "performance_linked",
                             "payment_rationale"]),
    ("KPIs and payment deductions", True, ["kpi_rationale"]),
    ("Early termination for poor performance", False, ["early_termination", "early_termination_rationale"]),
    ("Limits on the provider's liability", False, ["liability_limits", "liability_rationale"]),
    ("Sub-contracting and the council's rights on termination", False,
     ["subcontracting", "subcontracting_rationale"]),
    ("Data protection and information sharing", False, ["data_protection", "data_protection_rationale"]),
    ("Pension liability where staff transfer", False, ["staff_transfer", "pension_liability", "pension_rationale"]),
    ("Occupation, maintenance and repair of council property", True,
     ["property_involved", "property_terms", "property_rationale"]),
    ("Contingency for provider failure", False,
     ["failure_risk", "contingency_level", "contingency_arrangements", "contingency_rationale"]),
    ("Delivery milestones", False, ["milestones_rationale"]),
    ("Social value (Public Services (Social Value) Act 2012)", False,
     ["social_value_economic", "social_value_social", "social_value_environmental"]),
]  # fmt: skip


class CommercialModelForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = CommercialModel
        fields = [name for _, _, names in COMMERCIAL_GROUPS for name in names]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "payment_mechanism": forms.RadioSelect,
            "failure_risk": forms.RadioSelect,
            "contingency_level": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.is_bound:
            self.initial["seen_version"] = 0  # "there was no commercial model when I started writing"
        # Drafts may be saved with gaps, but what the plan checklist needs is never labelled "(optional)".
        for name in commercial.required_terms(self.instance).intersection(self.fields):
            self.fields[name].checklist = True
        for name, flag in commercial.WHEN_REQUIRED.items():
            if name in self.fields and not getattr(self.instance, flag):
                condition = self.fields[flag].label
                hint = f"Needed when “{condition}” is ticked."
                self.fields[name].help_text = f"{self.fields[name].help_text} {hint}".strip()

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", "The end date must be after the start date")
        return data


class DeliveryOptionForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        from .models import DeliveryOption

        model = DeliveryOption
        fields = [
            "name", "channel", "description", "governance", "outcomes_achieved", "policy_alignment",
            "one_off_cost", "annual_cost", "annual_benefit", "other_resources", "risks",
            "strengths", "weaknesses", "opportunities", "threats",
            "value_for_money_evidence", "decommission_impact",
        ]  # fmt: skip
        widgets = {"channel": forms.RadioSelect}

    def clean(self):
        from .models import Channel

        data = super().clean()
        channel = data.get("channel")
        if channel == Channel.INTERNAL and not (data.get("value_for_money_evidence") or "").strip():
            self.add_error(
                "value_for_money_evidence",
                "Internal delivery must show evidence of effectiveness and value for money",
            )
        if channel == Channel.DECOMMISSION and not (data.get("decommission_impact") or "").strip():
            self.add_error("decommission_impact", "State the impact of decommissioning")
        return data


class AdoptForm(GovukFormMixin, forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    option = forms.ModelChoiceField(
        label="Option to adopt", queryset=None, widget=forms.RadioSelect, empty_label=None
    )
    rationale = forms.CharField(
        label="Why this option", widget=forms.Textarea(attrs={"rows": 4}), max_length=limits.SUMMARY
    )

    def __init__(self, *args, appraisal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.appraisal = appraisal
        options = list(appraisal.options.all())
        self.fields["option"].queryset = appraisal.options.all()
        self.fields["option"].error_messages["required"] = "Select the option to adopt"
        self.fields["rationale"].error_messages["required"] = "Give the rationale for the adopted option"
        for option in options:
            self.fields[f"reject_{option.pk}"] = forms.CharField(
                label=f"Why not '{option.name}'",
                required=False,
                max_length=limits.SUMMARY,
                initial=option.rejection_reason,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Leave blank for the option you adopt.",
            )

    def clean(self):
        data = super().clean()
        chosen = data.get("option")
        for option in self.appraisal.options.all():
            if chosen and option.pk != chosen.pk and not (data.get(f"reject_{option.pk}") or "").strip():
                self.add_error(f"reject_{option.pk}", f"Say why '{option.name}' was not adopted")
        return data

    def rejection_reasons(self) -> dict:
        return {
            int(k.split("_", 1)[1]): v.strip()
            for k, v in self.cleaned_data.items()
            if k.startswith("reject_")
        }


class BaselineForm(GovukFormMixin, forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    option = forms.ModelChoiceField(
        label="The status quo",
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        help_text="The option of carrying on as now (doing nothing, or the current arrangements). The other "
        "options' costs and benefits are counted against it.",
    )

    def __init__(self, *args, appraisal=None, **kwargs):
        kwargs.setdefault("prefix", "baseline")  # the adoption form on the same page has an `option` too
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = appraisal.options.all()
        self.fields["option"].error_messages["required"] = "Select the option that carries on as now"


class CriteriaForm(GovukFormMixin, forms.Form):
    """The appraisal's weighted criteria: each row a name and a weight; weights add up to 100."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    SPARE_ROWS = 2

    def __init__(self, *args, appraisal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(appraisal.criteria.all())
        self.rows = []
        for index in range(len(self.criteria) + self.SPARE_ROWS):
            criterion = self.criteria[index] if index < len(self.criteria) else None
            name = forms.CharField(
                label=f"Criterion {index + 1}",
                required=False,
                max_length=200,
                initial=criterion.name if criterion else "",
            )
            weight = forms.IntegerField(
                label=f"Weight of criterion {index + 1} (%)",
                required=False,
                min_value=0,
                max_value=100,
                initial=criterion.weight if criterion else None,
            )
            self.fields[f"name_{index}"], self.fields[f"weight_{index}"] = name, weight
            self.rows.append((criterion, f"name_{index}", f"weight_{index}"))
        for name, field in self.fields.items():
            if name.startswith("weight_"):
                field.error_messages["invalid"] = f"{field.label} must be a whole number"
                # Django %-formats these two with the limit: the "(%)" of the label must be escaped.
                escaped = field.label.replace("%", "%%")
                field.error_messages["min_value"] = f"{escaped} must be 0 or more"
                field.error_messages["max_value"] = f"{escaped} must be 100 or less"

    def clean(self):
        data = super().clean()
        total, named = 0, 0
        for _criterion, name_key, weight_key in self.rows:
            name, weight = (data.get(name_key) or "").strip(), data.get(weight_key)
            if name and weight is None and weight_key not in self.errors:
                self.add_error(weight_key, f"Enter a weight for '{name}'")
            if weight and not name:
                self.add_error(name_key, "Enter the criterion's name, or clear its weight")
            if name:
                named += 1
                total += weight or 0
        if not named:
            raise forms.ValidationError("Keep at least one criterion")
        if not self.errors and total != 100:
            raise forms.ValidationError(f"The weights must add up to 100. They add up to {total}.")
        return data

    def rows_to_save(self):
        out = []
        for criterion, name_key, weight_key in self.rows:
            name = (self.cleaned_data.get(name_key) or "").strip()
            if name:
                out.append((criterion.pk if criterion else None, name, self.cleaned_data[weight_key]))
        return out


class ScoresForm(GovukFormMixin, forms.Form):
    """Every option scored 0-5 against every criterion."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    CHOICES = [("", "Not scored"), *[(str(n), str(n)) for n in range(6)]]

    def __init__(self, *args, appraisal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = list(appraisal.options.prefetch_related("scores"))
        self.criteria = list(appraisal.criteria.all())
        self.grid = []
        for option in self.options:
            existing = {s.criterion_id: s.score for s in option.scores.all()}
            row = []
            for criterion in self.criteria:
                key = f"score_{option.pk}_{criterion.pk}"
                self.fields[key] = forms.TypedChoiceField(
                    label=f"Score of '{option.name}' for {criterion.name.lower()}",
                    choices=self.CHOICES,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=existing.get(criterion.pk),
                )
                row.append((criterion, key))
            self.grid.append((option, row))

    def scores(self) -> dict:
        return {
            (option.pk, criterion.pk): self.cleaned_data[key]
            for option, row in self.grid
            for criterion, key in row
            if self.cleaned_data.get(key) is not None
        }
