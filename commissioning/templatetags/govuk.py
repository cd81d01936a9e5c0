"""Render Django form fields with GOV.UK Frontend markup, so every form gets labels, hints, error
messages linked by aria-describedby, and an error summary, the same way."""

from decimal import Decimal

from django import forms, template

from commissioning import dateinput, formatting

register = template.Library()


def _kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, dateinput.DateInput):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


DATE_EXAMPLE = "27 3 2027"  # the GOV.UK pattern's hint: day, month and year in figures


@register.inclusion_tag("includes/field.html")
def field(bound_field, width="", rows=None, label_class="govuk-label--s"):
    kind = _kind(bound_field)
    widget = bound_field.field.widget
    attrs = {}
    classes = {
        "input": "govuk-input",
        "textarea": "govuk-textarea",
        "select": "govuk-select",
        "file": "govuk-file-upload",
    }.get(kind, "")
    if bound_field.errors and classes:
        classes += f" {classes.split()[0]}--error"
    if width and kind == "input":
        classes += f" govuk-input--width-{width}" if width.isdigit() else f" govuk-!-width-{width}"
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}-error")
    if classes:
        attrs["class"] = classes
    if described and kind not in ("radios", "checkboxes"):
        attrs["aria-describedby"] = " ".join(described)
    if rows and kind == "textarea":
        attrs["rows"] = rows
    # A limited text area gets a GOV.UK character count: it says how many characters are left as you type,
    # where a maxlength attribute would silently cut off a paste. The server refuses past the limit.
    max_length = getattr(bound_field.field, "max_length", None) if kind == "textarea" else None
    if max_length:
        attrs["maxlength"] = False
        attrs["class"] = f"{classes} govuk-js-character-count"
        described.append(f"{bound_field.auto_id}-info")
        attrs["aria-describedby"] = " ".join(described)
    if isinstance(bound_field.field, forms.DecimalField | forms.IntegerField) and kind == "input":
        attrs["inputmode"] = "decimal" if isinstance(bound_field.field, forms.DecimalField) else "numeric"
    if isinstance(widget, forms.TextInput | forms.Textarea) and not isinstance(widget, forms.DateInput):
        attrs.setdefault("spellcheck", "true")
    options = []
    if kind in ("radios", "checkboxes"):
        value = bound_field.value()
        values = {str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v is not None}
        real_choices = [(v, label) for v, label in bound_field.field.choices if v not in ("", None)]
        for index, (choice_value, choice_label) in enumerate(real_choices):
            choice_value = getattr(choice_value, "value", choice_value)
            options.append(
                {
                    "id": f"{bound_field.auto_id}" + (f"-{index}" if index else ""),
                    "value": choice_value,
                    "label": choice_label,
                    "checked": str(choice_value) in values,
                }
            )
    date_boxes = []
    if kind == "date":
        # The hint is always there (an example date), so always described by it.
        described = [f"{bound_field.auto_id}-hint", *(d for d in described if not d.endswith("-hint"))]
        date_boxes = dateinput.boxes(
            bound_field.auto_id,
            bound_field.html_name,
            widget.parts(bound_field.value()),
            error=bool(bound_field.errors),
        )
    return {
        "field": bound_field,
        "kind": kind,
        "date_boxes": date_boxes,
        "date_example": DATE_EXAMPLE,
        "widget_html": bound_field.as_widget(attrs=attrs)
        if kind not in ("radios", "checkboxes", "date")
        else "",
        "options": options,
        "described": " ".join(described),
        "label_class": label_class,
        "max_length": max_length,
        # Analyse content may be saved as a draft, but the checklist needs it: never call it optional.
        "required": bound_field.field.required or getattr(bound_field.field, "checklist", False),
    }


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms_):
    errors = []
    for form in forms_:
        if form is None or not form.errors:
            continue
        for error in form.non_field_errors():
            errors.append({"href": "#main-content", "text": error})
        for name, field_errors in form.errors.items():
            if name == "__all__":
                continue
            bound = form[name]
            target = bound.auto_id
            for error in field_errors:
                errors.append({"href": f"#{target}", "text": error})
    return {"errors": errors}


@register.filter
def attr(obj, name):
    """The value of an attribute, or of a get_FOO_display method, for generic tables."""
    value = getattr(obj, name, "")
    if hasattr(value, "all"):  # a related manager: list what it holds
        return ", ".join(str(item) for item in value.all())
    value = value() if callable(value) else value
    if isinstance(value, Decimal):  # '1150.00' → '1,150', written the one way (commissioning.formatting)
        return formatting.number(value)
    return value


@register.simple_tag
def stage_tag_class(stage):
    return {
        "analyse": "govuk-tag--blue",
        "plan": "govuk-tag--purple",
        "do": "govuk-tag--green",
        "review": "govuk-tag--orange",
        "archived": "govuk-tag--grey",
    }.get(str(stage), "")


@register.inclusion_tag("includes/cell_field.html")
def cell_field(form, name, classes="", enabled=True):
    """A field inside a table cell: its label is visually hidden (the row and column headers say it)."""
    bound = form[name]
    kind = "select" if isinstance(bound.field.widget, forms.Select) else "input"
    css = f"govuk-{kind} {classes}".strip()
    if bound.errors:
        css += f" govuk-{kind}--error"
    attrs = {"class": css}
    if bound.errors:
        attrs["aria-describedby"] = f"{bound.auto_id}-error"
    if not enabled:
        attrs["disabled"] = True
    if kind == "input" and isinstance(bound.field, forms.IntegerField):
        attrs["inputmode"] = "numeric"
    return {"field": bound, "widget_html": bound.as_widget(attrs=attrs)}


@register.simple_tag(takes_context=True)
def service_navigation(context):
    """The service navigation's items and the current group's sub-navigation (commissioning.navigation),
    for `{% service_navigation as nav %}`."""
    from commissioning import navigation

    return navigation.for_request(context["request"])
