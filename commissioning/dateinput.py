"""The GOV.UK date input pattern (day, month and year in three boxes) for every date people type, with the
pattern's error messages (issue 23): https://design-system.service.gov.uk/components/date-input/

`GovukFormMixin` turns every plain date field of a form into a `DateField` with a `DateInput`, so each form
gets it without saying so. The boxes are posted as `<name>-day`, `<name>-month` and `<name>-year`; a post
of one ISO date under `<name>` (a script, an older page) is still read.
"""

import datetime
import re
from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError

PARTS = ("day", "month", "year")


class Parts(NamedTuple):
    """What was typed in the three boxes, as typed (kept to show again with the error)."""

    day: str
    month: str
    year: str


class DateInput(forms.Widget):
    """Three boxes; rendered by the `field` template tag (templates/includes/field.html), which lays out the
    GOV.UK markup, or on its own by `render` below."""

    template_name = "includes/date_input.html"

    def value_from_datadict(self, data, files, name):
        typed = Parts(*(str(data.get(f"{name}-{part}", "")).strip() for part in PARTS))
        if any(typed):
            return typed
        return data.get(name, "")  # nothing in the boxes: an ISO date posted whole, or nothing

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}-{part}" in data for part in PARTS)

    def parts(self, value) -> Parts:
        """The three boxes' values for `value`: what was typed, or a date (or an ISO date) split up."""
        if isinstance(value, Parts):
            return value
        if isinstance(value, str) and value:
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return Parts("", "", "")
        if isinstance(value, datetime.date):
            # Year 1 is "0001", as ISO writes it.
            return Parts(str(value.day), str(value.month), f"{value.year:04d}")
        return Parts("", "", "")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["parts"] = boxes(context["widget"]["attrs"].get("id", f"id_{name}"), name, self.parts(value))
        return context

    def render(self, name, value, attrs=None, renderer=None):
        from django.template.loader import (
            render_to_string,
        )  # the project's templates, not the form renderer's

        return render_to_string(
            self.template_name, self.get_context(name, value, self.build_attrs(self.attrs, attrs))
        )


def boxes(auto_id: str, name: str, typed: Parts, error: bool = False) -> list[dict]:
    """The three boxes, the day's id the field's own (so an error summary's link reaches it)."""
    return [
        {
            "id": auto_id if part == "day" else f"{auto_id}-{part}",
            "name": f"{name}-{part}",
            "label": part.capitalize(),
            "value": value,
            "width": 4 if part == "year" else 2,
            "autocomplete": "",
            "error": error,
        }
        for part, value in zip(PARTS, typed, strict=True)
    ]


def _joined(words: list[str]) -> str:
    return " and ".join(words)


class DateField(forms.DateField):
    """A date typed as day, month and year; the GOV.UK pattern's messages when it is not a date."""

    widget = DateInput

    def to_python(self, value):
        if not isinstance(value, Parts):
            return super().to_python(value)
        label = str(self.label or "The date").capitalize()
        missing = [part for part, typed in zip(PARTS, value, strict=True) if not typed]
        if missing:
            raise ValidationError(f"{label} must include a {_joined(missing)}", code="incomplete")
        if not all(re.fullmatch(r"\d+", typed) for typed in value):
            raise ValidationError(f"{label} must be a real date", code="invalid")
        if len(value.year) != 4:
            raise ValidationError("Year must include 4 numbers", code="invalid_year")
        try:
            return datetime.date(int(value.year), int(value.month), int(value.day))
        except ValueError:
            raise ValidationError(f"{label} must be a real date", code="invalid") from None


def adopt(field: forms.Field) -> None:
    """Make a plain date field of a form a GOV.UK date input (in place: its label, validators, required and
    initial value stay as they are)."""
    if type(field) is not forms.DateField:  # a DateTimeField, or one already adopted
        return
    field.__class__ = DateField
    widget = DateInput(attrs={k: v for k, v in field.widget.attrs.items() if k not in ("type",)})
    widget.is_required = field.required
    field.widget = widget
