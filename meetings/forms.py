"""The forms of the meeting pages: a meeting, an agenda item and a work programme item."""

from datetime import datetime

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from commissioning.forms import VersionedFormMixin
from members.forms import DateInput
from strategies.models import Stage, Strategy

from .items import NEEDS_STRATEGY
from .models import EXEMPT_INFORMATION, AgendaItem, AgendaItemKind, Meeting, Publication, WorkProgrammeItem


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
