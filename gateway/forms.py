from django import forms
from django.contrib.auth import get_user_model

from commissioning import limits
from commissioning.forms import GovukFormMixin, VersionedFormMixin
from commissioning.models import Directorate
from strategies.models import Stage

from .models import AreaFinding, Criterion, GatewayReview, OverlapDecision, ReviewAction


class DateInput(forms.DateInput):
    input_type = "date"


class ProgrammeFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False)
    stage = forms.ChoiceField(
        label="Stage", required=False, choices=[("", "All live stages"), *Stage.choices[:4]]
    )
    directorate = forms.ModelChoiceField(
        label="Directorate", required=False, queryset=Directorate.objects.all(), empty_label="All"
    )
    key = forms.ChoiceField(
        label="Key projects",
        required=False,
        choices=[("", "All projects"), ("yes", "Key projects only"), ("no", "Not key projects")],
    )


class ForwardPlanForm(forms.Form):
    months = forms.TypedChoiceField(
        label="Coming up in the next",
        coerce=int,
        choices=[(3, "3 months"), (6, "6 months"), (12, "12 months"), (24, "24 months")],
        # Twelve months by default: past the dashboard's recommissioning horizon (RECOMMISSION_HORIZON_DAYS,
        # 270), so every contract the dashboard flags as ending is on the plan.
        initial=12,
        required=False,
    )
    directorate = forms.ModelChoiceField(
        label="Directorate", required=False, queryset=Directorate.objects.all(), empty_label="All"
    )


class CriteriaAnswersForm(GovukFormMixin, forms.Form):
    """One yes/no (and a note) per judged criterion."""

    def __init__(self, *args, criteria=(), answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        self.criteria = list(criteria)
        for c in self.criteria:
            answer = answers.get(c.pk)
            self.fields[f"c{c.pk}"] = forms.TypedChoiceField(
                label=c.question,
                choices=[("yes", "Yes"), ("no", "No")],
                coerce=lambda v: v == "yes",
                widget=forms.RadioSelect,
                initial=None if answer is None else ("yes" if answer.met else "no"),
                help_text=f"{c.name}: {c.points} point{'s' if c.points != 1 else ''}.",
            )
            self.fields[f"c{c.pk}"].error_messages["required"] = f"Select yes or no: {c.question}"
            self.fields[f"n{c.pk}"] = forms.CharField(
                label=f"Why ({c.name.lower()})",
                required=False,
                max_length=300,
                initial=answer.note if answer else "",
            )

    def answers(self) -> dict:
        return {c: (self.cleaned_data[f"c{c.pk}"], self.cleaned_data[f"n{c.pk}"]) for c in self.criteria}

    def pairs(self):
        return [(self[f"c{c.pk}"], self[f"n{c.pk}"]) for c in self.criteria]


class OverrideForm(GovukFormMixin, forms.Form):
    choice = forms.ChoiceField(
        label="Is this a key project?",
        choices=[
            ("score", "Follow the score"),
            ("key", "A key project, whatever it scores"),
            ("not", "Not a key project, whatever it scores"),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Reason", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=limits.SUMMARY
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].error_messages["required"] = "Select whether this is a key project"

    def clean(self):
        data = super().clean()
        if data.get("choice") in ("key", "not") and not (data.get("reason") or "").strip():
            self.add_error("reason", "Enter the reason for overriding the score")
        return data

    def is_key(self):
        return {"score": None, "key": True, "not": False}[self.cleaned_data["choice"]]


class ScheduleForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = GatewayReview
        fields = ["scheduled_for", "focus"]
        widgets = {"scheduled_for": DateInput, "focus": forms.Textarea(attrs={"rows": 3})}


class FindingForm(GovukFormMixin, forms.ModelForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AreaFinding
        fields = ["rating", "comments"]
        widgets = {"rating": forms.RadioSelect, "comments": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, area=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        self.fields["rating"].choices = AreaFinding.Rating.choices
        if self.instance.pk and not self.is_bound:
            self.initial["seen_version"] = self.instance.version
        # Each area's form on one page: distinct ids, so labels and error links point to the right box.
        self.auto_id = f"id_{area}_%s"


class ActionForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = ReviewAction
        fields = ["kind", "description", "owner", "due_date"]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 2}),
            "due_date": DateInput,
        }
        labels = {"owner": "Owner"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ReviewAction.Kind.choices
        self.fields["owner"].queryset = (
            get_user_model().objects.filter(is_active=True, groups__isnull=False).distinct()
        )
        self.auto_id = "id_action_%s"


class VerdictForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = GatewayReview
        fields = ["verdict", "verdict_summary"]
        widgets = {"verdict": forms.RadioSelect, "verdict_summary": forms.Textarea(attrs={"rows": 4})}
        labels = {"verdict": "Verdict"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verdict"].choices = GatewayReview.Verdict.choices
        self.fields["verdict"].required = True
        self.fields["verdict"].error_messages["required"] = "Select the verdict"
        self.fields["verdict_summary"].required = True
        self.fields["verdict_summary"].error_messages["required"] = "Enter the panel's conclusion"


class CancelForm(VersionedFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why is the review cancelled?",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.SUMMARY,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Enter why the review is cancelled"


class ProgressForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ReviewAction
        fields = ["update"]
        widgets = {"update": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["update"].required = True
        self.fields["update"].error_messages["required"] = "Enter what has been done"


class CloseActionForm(VersionedFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="Close it as",
        choices=[
            (ReviewAction.Status.DONE, "Done: the panel is satisfied"),
            (ReviewAction.Status.WITHDRAWN, "Withdrawn by the panel"),
        ],
        widget=forms.RadioSelect,
    )


class OverlapForm(GovukFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="What the panel decided", choices=OverlapDecision.Decision.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Why, and what happens next",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.SUMMARY,
    )

    def __init__(self, *args, prefix_id="", **kwargs):
        super().__init__(*args, **kwargs)
        if prefix_id:
            self.auto_id = f"id_{prefix_id}_%s"


class CriterionForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "question", "test", "threshold", "points", "active", "order"]
        widgets = {"test": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["test"].choices = Criterion.Test.choices

    def clean(self):
        data = super().clean()
        if data.get("test") == Criterion.Test.VALUE_OVER and data.get("threshold") is None:
            self.add_error("threshold", "Enter the threshold for a value criterion")
        return data


class MarkForm(GovukFormMixin, forms.Form):
    points = forms.IntegerField(label="Key-project mark (points)", min_value=1, max_value=100)
