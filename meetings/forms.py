"""The forms of the meeting pages: a meeting, an agenda item and a work programme item."""

from datetime import datetime

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from commissioning.forms import GovukFormMixin, VersionedFormMixin
from members.forms import DateInput
from members.models import ApprovalRequest
from strategies.models import Stage, Strategy

from .items import NEEDS_STRATEGY
from .models import (
    EXEMPT_INFORMATION,
    AgendaItem,
    AgendaItemKind,
    Attendance,
    BoardQuorum,
    Declaration,
    Meeting,
    Outcome,
    Publication,
    Vote,
    WorkProgrammeItem,
)


class TimeInput(forms.TimeInput):
    input_type = "time"


class MeetingForm(VersionedFormMixin, forms.ModelForm):
    """Date and time as two boxes (a date box and a time box), joined into `starts_at`."""

    day = forms.DateField(label="Date", widget=DateInput)
    time = forms.TimeField(
        label="Start time", widget=TimeInput(format="%H:%M"), help_text="For example, 14:00"
    )

    class Meta:
        model = Meeting
        fields = ["venue", "minutes"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 8})}

    field_order = ["day", "time", "venue", "minutes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time"].error_messages["invalid"] = "Start time must be a real time, like 14:00"
        if self.instance.pk:
            local = timezone.localtime(self.instance.starts_at)
            self.initial.setdefault("day", local.date())
            self.initial.setdefault("time", local.time())
        else:
            del self.fields["minutes"]

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("time"):
            data["starts_at"] = timezone.make_aware(datetime.combine(data["day"], data["time"]))
        return data


class AgendaItemForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["kind", "title", "strategy", "document", "confidential", "exemption"]
        widgets = {
            "kind": forms.RadioSelect,
            "document": forms.FileInput(attrs={"accept": "application/pdf"}),
        }
        labels = {
            "kind": "Kind of item",
            "strategy": "Strategy (for a strategy, plan, highlight report or gateway review)",
        }
        help_texts = {"document": "A PDF, merged into the pack at this item. Up to 20 MB."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = AgendaItemKind.choices
        self.fields["strategy"].queryset = Strategy.objects.exclude(stage=Stage.ARCHIVED).order_by(
            "reference"
        )
        self.fields["strategy"].empty_label = "None"
        self.fields["document"].help_text = (
            f"A PDF of up to {settings.APPENDIX_MAX_PAGES:,} pages, merged into the pack at this item. "
            f"Up to {filesizeformat(settings.EVIDENCE_MAX_BYTES)}."
        )
        self.fields["exemption"].choices = [("", "Not exempt"), *EXEMPT_INFORMATION]
        self.fields[
            "exemption"
        ].help_text = "Required for an exempt item: the paragraph of Schedule 12A that applies."

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload or not hasattr(upload, "content_type"):  # none, or the one already stored
            return upload
        if upload.size > settings.EVIDENCE_MAX_BYTES:
            raise forms.ValidationError(
                f"The document must be smaller than {filesizeformat(settings.EVIDENCE_MAX_BYTES)}"
            )
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError

        try:
            reader = PdfReader(upload)
            if reader.is_encrypted:
                raise forms.ValidationError(
                    "The document is password protected: upload it without a password"
                )
            self.document_pages = len(reader.pages)
        except (PyPdfError, ValueError, OSError, KeyError) as error:
            raise forms.ValidationError("The document must be a PDF") from error
        if not self.document_pages:
            raise forms.ValidationError("The document has no pages")
        upload.seek(0)
        return upload

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in NEEDS_STRATEGY and not data.get("strategy"):
            self.add_error("strategy", "Select the strategy this item reports on")
        if kind == AgendaItemKind.DOCUMENT and not data.get("document"):
            self.add_error("document", "Select a PDF document to upload")
        if data.get("confidential") and not data.get("exemption"):
            self.add_error("exemption", "Select the paragraph of Schedule 12A that makes this item exempt")
        if not data.get("confidential"):
            data["exemption"] = ""
        return data


class WorkProgrammeForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = WorkProgrammeItem
        fields = ["title", "kind", "strategy", "due_from", "notes"]
        widgets = {
            "kind": forms.RadioSelect,
            "due_from": DateInput,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"kind": "Kind of item", "strategy": "Strategy (if it is about one)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [c for c in AgendaItemKind.choices if c[0] != AgendaItemKind.DOCUMENT]
        self.fields["strategy"].queryset = Strategy.objects.exclude(stage=Stage.ARCHIVED).order_by(
            "reference"
        )
        self.fields["strategy"].empty_label = "None"

    def clean(self):
        data = super().clean()
        if data.get("kind") in NEEDS_STRATEGY and not data.get("strategy"):
            self.add_error("strategy", "Select the strategy this item reports on")
        return data


# The business of a meeting ---------------------------------------------------------------------------------


class AttendanceForm(GovukFormMixin, forms.Form):
    """The board's members, each present, sending apologies or absent: one radio group each."""

    def __init__(self, *args, members=(), recorded=None, **kwargs):
        super().__init__(*args, **kwargs)
        recorded = recorded or {}
        choices = [(s, Attendance.Status(s).label) for s in Attendance.MEMBER_STATUSES]
        self.members = list(members)
        for member in self.members:
            name = f"member_{member.pk}"
            self.fields[name] = forms.ChoiceField(
                label=str(member),
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
            )
            if member.pk in recorded:
                self.initial[name] = recorded[member.pk]

    def member_fields(self):
        return [self[f"member_{m.pk}"] for m in self.members]

    def statuses(self) -> dict:
        return {m.pk: self.cleaned_data.get(f"member_{m.pk}") for m in self.members}


class AttendeeForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="Attending as",
        choices=[
            (Attendance.Status.SUBSTITUTE, "A substitute for a member of the board"),
            (Attendance.Status.OFFICER, "An officer in attendance"),
        ],
        widget=forms.RadioSelect,
    )
    person = forms.ModelChoiceField(label="Who", queryset=None)
    substitute_for = forms.ModelChoiceField(label="Substituting for", queryset=None, required=False)
    role = forms.CharField(label="Job title (for an officer)", max_length=200, required=False)

    def __init__(self, *args, board=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name", "pk")
        self.fields["person"].queryset = people
        self.fields["person"].empty_label = "Select a person"
        self.fields["substitute_for"].queryset = people.filter(board_memberships__board=board)
        self.fields["substitute_for"].empty_label = "Not a substitute"


class DeclarationForm(GovukFormMixin, forms.Form):
    member = forms.ModelChoiceField(label="Member", queryset=None)
    kind = forms.ChoiceField(label="Interest", choices=Declaration.Kind.choices, widget=forms.RadioSelect)
    text = forms.CharField(label="The interest", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    dispensation = forms.CharField(
        label="Dispensation (for a disclosable pecuniary interest)",
        required=False,
        max_length=300,
        help_text="Who granted it, when, and until when. Without one, the member may not vote on this item.",
    )

    def __init__(self, *args, voters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = get_user_model().objects.filter(pk__in=[v.pk for v in voters])
        self.fields["member"].empty_label = "Select a member"


class ResolutionForm(VersionedFormMixin, forms.Form):
    wording = forms.CharField(label="Resolution", widget=forms.Textarea(attrs={"rows": 4}))
    outcome = forms.ChoiceField(label="Outcome", choices=Outcome.choices, widget=forms.RadioSelect)
    unanimous = forms.BooleanField(label="Unanimous", required=False)
    votes_for = forms.IntegerField(label="For", min_value=0, required=False)
    votes_against = forms.IntegerField(label="Against", min_value=0, required=False)
    abstentions = forms.IntegerField(label="Abstaining", min_value=0, required=False)
    discussion = forms.CharField(
        label="Discussion notes", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    settles = forms.ModelMultipleChoiceField(
        label="Approvals this resolution settles",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, item=None, voters=(), **kwargs):
        super().__init__(*args, **kwargs)
        approvals = ApprovalRequest.objects.none()
        if item is not None and item.strategy_id:
            approvals = ApprovalRequest.objects.filter(strategy_id=item.strategy_id).select_related(
                "strategy", "plan"
            )
        self.fields["settles"].queryset = approvals
        self.voters = list(voters)
        ways = [("", "Not recorded"), *Vote.Way.choices]
        for voter in self.voters:
            self.fields[f"vote_{voter.pk}"] = forms.ChoiceField(
                label=str(voter),
                choices=ways,
                required=False,
                widget=forms.RadioSelect,
            )

    def vote_fields(self):
        return [self[f"vote_{v.pk}"] for v in self.voters]

    def named_votes(self) -> dict:
        return {
            v.pk: self.cleaned_data.get(f"vote_{v.pk}")
            for v in self.voters
            if self.cleaned_data.get(f"vote_{v.pk}")
        }


class QuorumForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = BoardQuorum
        fields = ["number", "fraction", "minimum"]
        help_texts = {"fraction": "For example, 1/4", "number": "Leave blank to use a fraction"}


class PublishForm(forms.Form):
    """Publishing the agenda (or a supplement); past the statutory deadline, with the chair's reasons."""

    urgency_reasons = forms.CharField(
        label="The chair's reasons for urgency",
        required=False,
        max_length=Publication._meta.get_field("urgency_reasons").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed when it is published after the deadline: why the meeting must consider it anyway. "
        "They are published with the agenda.",
    )
