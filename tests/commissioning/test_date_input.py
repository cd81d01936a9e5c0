"""The GOV.UK date input (issue 23): every typed date is day, month and year, with the pattern's messages."""

import datetime

import pytest
from django import forms

from commissioning.dateinput import DateField, DateInput
from commissioning.forms import GovukFormMixin
from commissioning.templatetags.govuk import field as field_tag


class DueForm(GovukFormMixin, forms.Form):
    due = forms.DateField(label="Due date", widget=forms.DateInput(attrs={"type": "date"}))
    since = forms.DateField(label="From", required=False)


def typed(day="", month="", year="", **extra):
    return {"due-day": day, "due-month": month, "due-year": year, **extra}


def test_every_plain_date_field_becomes_a_date_input():
    form = DueForm()
    assert isinstance(form.fields["due"], DateField) and isinstance(form.fields["due"].widget, DateInput)
    assert isinstance(form.fields["since"].widget, DateInput)


def test_a_whole_date_is_read_from_its_three_boxes():
    form = DueForm(typed("7", "3", "2027"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["due"] == datetime.date(2027, 3, 7) and form.cleaned_data["since"] is None


def test_an_iso_date_posted_whole_is_still_read():
    form = DueForm({"due": "2027-03-07"})
    assert form.is_valid() and form.cleaned_data["due"] == datetime.date(2027, 3, 7)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (typed(), "Enter due date"),
        (typed("", "3", "2027"), "Due date must include a day"),
        (typed("7", "", ""), "Due date must include a month and year"),
        (typed("31", "2", "2027"), "Due date must be a real date"),
        (typed("7", "March", "2027"), "Due date must be a real date"),
        (typed("7", "3", "27"), "Year must include 4 numbers"),
    ],
)
def test_the_patterns_error_messages(data, message):
    form = DueForm(data)
    assert not form.is_valid()
    assert form.errors["due"] == [message]


def test_what_was_typed_is_shown_again_with_the_error_linked_to_the_day_box():
    form = DueForm(typed("31", "2", "2027"))
    form.is_valid()
    context = field_tag(form["due"])
    assert [(b["name"], b["value"], b["error"]) for b in context["date_boxes"]] == [
        ("due-day", "31", True),
        ("due-month", "2", True),
        ("due-year", "2027", True),
    ]
    assert context["date_boxes"][0]["id"] == form["due"].auto_id  # where the error summary links
    assert context["kind"] == "date"


def test_a_saved_date_is_split_into_its_boxes():
    form = DueForm(initial={"due": datetime.date(2026, 12, 5)})
    assert [b["value"] for b in field_tag(form["due"])["date_boxes"]] == ["5", "12", "2026"]
