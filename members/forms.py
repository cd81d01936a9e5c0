from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from commissioning import limits
from commissioning.forms import GovukFormMixin, VersionedFormMixin
from commissioning.models import Directorate
from strategies.models import Strategy

from .models import (
    ApprovalDecision,
    ApprovalRequest,
    Board,
    BoardMembership,
    CallInOutcome,
    CouncillorProfile,
    Declaration,
    ForwardPlanEntry,
    Interest,
    KeyDecisionException,
    Recommendation,
    Rule,
    Subject,
)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj}{f', {obj.job_title}' if obj.job_title else ''}"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        profile = getattr(obj, "councillor_profile", None)
        return f"{obj}{f' ({profile.portfolio})' if profile and profile.portfolio else ''}"


class DateInput(forms.DateInput):
    input_type = "date"


class BoardForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Board
        fields = ["name", "kind", "remit"]
        widgets = {"kind": forms.RadioSelect, "remit": forms.Textarea(attrs={"rows": 3})}
        labels = {"kind": "Kind of board"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # rights depend on the kind (referrals go to scrutiny boards): fixed once made
            del self.fields["kind"]
        else:
            self.fields["kind"].choices = Board.Kind.choices


class MemberForm(GovukFormMixin, forms.Form):
    member = PersonChoiceField(label="Member", queryset=None, empty_label="Choose a person")
    role = forms.ChoiceField(
        label="Role on the board",
        choices=BoardMembership.Role.choices,
        widget=forms.RadioSelect,
        initial=BoardMembership.Role.MEMBER,
    )

    def __init__(self, *args, board=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = board.memberships.values("member") if board else []
        self.fields["member"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__isnull=False)
            .exclude(pk__in=current)
            .distinct()
        )


class RoleForm(GovukFormMixin, forms.Form):
    role = forms.ChoiceField(
        label="Role on the board", choices=BoardMembership.Role.choices, widget=forms.RadioSelect
    )


class ProfileForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = CouncillorProfile
        fields = ["ward", "party", "portfolio", "co_opted"]


class AssignForm(GovukFormMixin, forms.Form):
    portfolio_holders = PeopleChoiceField(
        label="Portfolio holders",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Executive members who may approve this strategy's outcomes and plans. Only they can.",
    )
    board = forms.ModelChoiceField(
        label="Referred for scrutiny to",
        queryset=Board.objects.filter(kind__in=Board.SCRUTINY_KINDS),
        required=False,
        empty_label="Not referred",
        help_text="Members of this board may comment on the strategy and make recommendations about it.",
    )

    def __init__(self, *args, executive=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["portfolio_holders"].queryset = executive.select_related("councillor_profile")


class RequestForm(GovukFormMixin, forms.Form):
    approvers = PeopleChoiceField(
        label="Approvers",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="The strategy's portfolio holders. Only they can approve it.",
    )
    rule = forms.ChoiceField(
        label="Decision rule",
        choices=Rule.choices,
        widget=forms.RadioSelect,
        initial=Rule.ALL,
        help_text="How many approvals the request needs.",
    )
    note = forms.CharField(
        label="Note to the approvers",
        required=False,
        max_length=limits.SUMMARY,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you ask them to approve, and anything they should know.",
    )
    decision_due = forms.DateField(label="Decision needed by", required=False, widget=DateInput)
    key_decision = forms.BooleanField(
        label="This is a key decision",
        required=False,
        help_text=ApprovalRequest._meta.get_field("key_decision").help_text,
    )

    def __init__(self, *args, holders=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approvers"].queryset = holders
        self.fields["approvers"].error_messages["required"] = "Select at least one approver"


class DecideForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Your decision", choices=ApprovalDecision.Kind.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label="Reasons",
        max_length=limits.SUMMARY,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="They go into the decision record, for members elected later.",
    )
    conflict_declared = forms.BooleanField(label="I have an interest to declare", required=False)
    conflict_kind = forms.ChoiceField(
        label="The kind of interest",
        required=False,
        choices=[
            (Declaration.Kind.OTHER, "Another interest: it is recorded with my decision"),
            (
                Declaration.Kind.DISCLOSABLE,
                "A disclosable pecuniary interest: I may not decide unless a dispensation covers it",
            ),
        ],
        widget=forms.RadioSelect,
        initial=Declaration.Kind.OTHER,
    )
    interest = forms.ModelChoiceField(
        label="The entry in your register of interests",
        queryset=Interest.objects.none(),
        required=False,
        empty_label="None of them",
    )
    conflict_details = forms.CharField(
        label="The interest",
        required=False,
        max_length=limits.SUMMARY,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What the interest is. Declaring it is recorded with your decision.",
    )
    confirmed_none = forms.BooleanField(
        label="None of the interests flagged above concerns this decision", required=False
    )
    content_hash = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, request=None, member=None, flagged=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reasons"].error_messages["required"] = "Enter the reasons for your decision"
        if request is not None and not self.is_bound:
            self.initial["content_hash"] = request.content_hash
        if member is not None:
            self.fields["interest"].queryset = Interest.objects.filter(member=member)
        self.flagged = flagged
        if not flagged:
            del self.fields["confirmed_none"]

    def clean(self):
        data = super().clean()
        if data.get("conflict_declared"):
            data["conflict_kind"] = data.get("conflict_kind") or Declaration.Kind.OTHER
            if not (data.get("conflict_details") or "").strip() and not data.get("interest"):
                self.add_error("conflict_details", "Describe the interest you are declaring")
        elif self.flagged and not data.get("confirmed_none"):
            self.add_error(
                "confirmed_none",
                "Declare the interest, or confirm that none of the interests flagged concerns this decision",
            )
        return data  # that it is of the version the approver saw is checked by members.services.decide


class WithdrawForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why are you withdrawing the request?",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.SUMMARY,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Enter why you are withdrawing the request"


class CommentForm(GovukFormMixin, forms.Form):
    body = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 3}), max_length=limits.NOTE)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RecommendationForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["text", "reasons", "response_due"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "reasons": forms.Textarea(attrs={"rows": 3}),
            "response_due": DateInput,
        }
        help_texts = {"response_due": "The Executive must respond within two months."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response_due"].required = False  # two months from today unless the board says otherwise

    def clean_response_due(self):
        from django.utils import timezone

        due = self.cleaned_data.get("response_due")
        if due and due < timezone.localdate():
            raise forms.ValidationError("The response due date must be today or in the future")
        return due


class ResponseForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["status", "response"]
        widgets = {"status": forms.RadioSelect, "response": forms.Textarea(attrs={"rows": 4})}
        labels = {"status": "The Executive's response is that the recommendation is"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [c for c in Recommendation.Status.choices if c[0] != "awaiting"]
        self.fields["status"].error_messages["required"] = "Select the Executive's response"
        self.fields["response"].required = True
        self.fields["response"].error_messages["required"] = "Enter the Executive's response"


class DecisionFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False)
    subject = forms.ChoiceField(label="Decision on", required=False, choices=[("", "All"), *Subject.choices])
    result = forms.ChoiceField(
        label="Result",
        required=False,
        choices=[
            ("", "All"),
            *[c for c in ApprovalRequest.Status.choices if c[0] not in ("open", "withdrawn")],
        ],
    )
    directorate = forms.ModelChoiceField(
        label="Directorate", required=False, queryset=Directorate.objects.all(), empty_label="All"
    )
    year = forms.IntegerField(label="Year", required=False, min_value=2000, max_value=2100)


class CouncillorFilterForm(forms.Form):
    board = forms.ModelChoiceField(
        label="Board", required=False, queryset=Board.objects.order_by("name"), empty_label="All boards"
    )


class BoardFilterForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "All kinds"), *Board.Kind.choices])


# Registers of interests -------------------------------------------------------------------------------------


class ReferencesField(forms.CharField):
    """Strategies by their references, one a line or separated by commas (there may be hundreds)."""

    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value):
        if isinstance(value, str) or value is None:
            return value
        return "\n".join(s.reference if isinstance(s, Strategy) else str(s) for s in value)

    def clean(self, value):
        text = super().clean(value) or ""
        wanted = [r.strip() for r in text.replace(",", "\n").splitlines() if r.strip()]
        query = Q()
        for reference in wanted:
            query |= Q(reference__iexact=reference)
        found = {s.reference.casefold(): s for s in Strategy.objects.filter(query)} if wanted else {}
        missing = [r for r in wanted if r.casefold() not in found]
        if missing:
            raise forms.ValidationError(f"There is no strategy {', '.join(missing)}: check the reference")
        return list(found.values())


class InterestForm(VersionedFormMixin, forms.ModelForm):
    strategies = ReferencesField(
        label="Strategies it concerns",
        required=False,
        max_length=limits.SUMMARY,
        help_text="Their references, one a line, for example CS-04.",
    )

    class Meta:
        model = Interest
        fields = [
            "category",
            "held_by",
            "body",
            "description",
            "providers",
            "wards",
            "services",
            "strategies",
            "value",
            "arose_on",
            "ended_on",
            "sensitive",
        ]
        widgets = {
            "category": forms.RadioSelect,
            "held_by": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "providers": forms.Textarea(attrs={"rows": 2}),
            "wards": forms.Textarea(attrs={"rows": 2}),
            "services": forms.Textarea(attrs={"rows": 2}),
            "arose_on": DateInput,
            "ended_on": DateInput,
        }
        help_texts = {"value": "For a gift or hospitality."}

    def __init__(self, *args, may_mark_sensitive=False, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["strategies"] = list(self.instance.strategies.all())
        if not may_mark_sensitive:
            del self.fields["sensitive"]
        self.fields["category"].error_messages["required"] = "Select the kind of interest"
        self.fields["body"].error_messages["required"] = "Enter who or what the interest is in"
        self.fields["arose_on"].error_messages["required"] = "Enter the date the interest arose"


class DispensationForm(GovukFormMixin, forms.Form):
    purpose = forms.CharField(
        label="What it is for",
        max_length=limits.SUMMARY,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The matters it covers and what it allows: to take part, to vote, or both.",
    )
    granted_by = forms.CharField(
        label="Granted by",
        max_length=200,
        help_text="For example, the Standards Committee, or the monitoring officer.",
    )
    granted_on = forms.DateField(label="Granted on", widget=DateInput)
    valid_from = forms.DateField(label="Has effect from", widget=DateInput)
    valid_until = forms.DateField(
        label="Until", widget=DateInput, help_text="The last day it has effect. At most four years."
    )
    strategy = forms.ModelChoiceField(
        label="For matters concerning",
        queryset=Strategy.objects.order_by("reference"),
        required=False,
        empty_label="Every matter",
        to_field_name="reference",
        widget=forms.TextInput,
        help_text="A strategy's reference, for example CS-04; leave empty for every matter.",
    )
    interest = forms.ModelChoiceField(
        label="For the interest",
        queryset=Interest.objects.none(),
        required=False,
        empty_label="Any of their interests",
    )

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interest"].queryset = Interest.objects.filter(member=member)
        self.fields["strategy"].error_messages["invalid_choice"] = "There is no strategy with that reference"
        for name, words in [
            ("purpose", "Enter what the dispensation is for"),
            ("granted_by", "Enter who granted it"),
            ("granted_on", "Enter the date it was granted"),
            ("valid_from", "Enter the first day it has effect"),
            ("valid_until", "Enter the last day it has effect"),
        ]:
            self.fields[name].error_messages["required"] = words


# Key decisions and call-in ----------------------------------------------------------------------------------


class ForwardPlanEntryForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = ForwardPlanEntry
        fields = [
            "matter",
            "decision_maker",
            "expected_on",
            "published_on",
            "in_private",
            "private_reasons",
            "private_paragraph",
            "private_notice_on",
        ]
        widgets = {
            "matter": forms.Textarea(attrs={"rows": 3}),
            "private_reasons": forms.Textarea(attrs={"rows": 2}),
            "expected_on": DateInput,
            "published_on": DateInput,
            "private_notice_on": DateInput,
        }


class KeyDecisionExceptionForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = KeyDecisionException
        fields = ["kind", "chair_told_on", "published_on", "reasons"]
        widgets = {
            "kind": forms.RadioSelect,
            "reasons": forms.Textarea(attrs={"rows": 3}),
            "chair_told_on": DateInput,
            "published_on": DateInput,
        }
        labels = {"kind": "Which exception"}


class CallInForm(GovukFormMixin, forms.Form):
    reasons = forms.CharField(
        label="Why are you calling this decision in?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=limits.SUMMARY,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reasons"].error_messages["required"] = "Enter why you are calling the decision in"


class CallInOutcomeForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(label="Scrutiny's conclusion", widget=forms.RadioSelect)
    reasons = forms.CharField(
        label="Scrutiny's reasons", widget=forms.Textarea(attrs={"rows": 3}), max_length=limits.SUMMARY
    )

    def __init__(self, *args, after_council=False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = CallInOutcome.Outcome.choices
        if after_council:
            choices = [c for c in choices if c[0] != CallInOutcome.Outcome.REFER_TO_COUNCIL]
        self.fields["outcome"].choices = choices
        self.fields["outcome"].error_messages["required"] = "Choose scrutiny's conclusion"
        self.fields["reasons"].error_messages["required"] = "Enter scrutiny's reasons"


class AskAssignmentForm(GovukFormMixin, forms.Form):
    note = forms.CharField(
        label="Anything the administrator should know",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=300,
        required=False,
    )


class CloseAssignmentForm(GovukFormMixin, forms.Form):
    outcome = forms.CharField(label="Why it is closed without an assignment", max_length=300)
