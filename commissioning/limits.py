"""How much a person may type, and how large an upload may be: the size classes every app's models draw
their text limits from, and the one check every service write passes through (commissioning.history
`audited`). A limit is a model field's `max_length` plus a MaxLengthValidator, so model forms (with a
GOV.UK character count), the API's serializers and the services all refuse the same thing. TextField
keeps its database type: a limit never changes a column, and a row written before it stays as it is.

Why limits at all: without them a 5 MB paste saved, made a 7 MB history page, and one 530 KB outcome
laid out a 239-page meeting pack."""

from django.core.exceptions import ValidationError
from django.core.validators import (
    DecimalValidator,
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.utils.deconstruct import deconstructible

TITLE = 200  # a name or title: one line
SUMMARY = 2_000  # a summary, reason, note or comment: a paragraph or two
NOTE = 5_000  # a note on a move or a scrutiny comment (the API allowed 5,000 before limits)
SECTION = 20_000  # a narrative section of a strategy, plan or review: about eight printed pages
MINUTES = 50_000  # a meeting's minutes


@deconstructible
class TextLimit(MaxLengthValidator):
    message = "Use %(limit_value)s characters or fewer (it has %(show_value)s)"


def text_limit(characters: int) -> dict:
    """Keyword arguments for a TextField holding at most `characters` characters."""
    return {"max_length": characters, "validators": [TextLimit(characters)]}


NOT_NEGATIVE = [MinValueValidator(0, "Enter an amount of 0 or more")]

_LIMIT_VALIDATORS = (MaxLengthValidator, MinValueValidator, MaxValueValidator, DecimalValidator)


def check(obj) -> None:
    """Refuse (ValidationError by field) a record about to be saved with a value past one of its fields'
    limits. A value that was already stored before the limit existed, and is saved again unchanged, is
    kept: only what someone is writing now is measured."""
    errors = {}
    for model_field in type(obj)._meta.concrete_fields:
        validators = [v for v in model_field.validators if isinstance(v, _LIMIT_VALIDATORS)]
        value = getattr(obj, model_field.attname)
        if not validators or value in (None, ""):
            continue
        try:
            value = model_field.to_python(value)
        except ValidationError:
            continue  # not a limit: the field's own checks (or the database) answer that
        for validator in validators:
            try:
                validator(value)
            except ValidationError as error:
                label = str(model_field.verbose_name).capitalize()
                errors[model_field.name] = [f"{label}: {message}" for message in error.messages]
                break
    if errors and obj.pk is not None:
        stored = type(obj)._base_manager.filter(pk=obj.pk).values(*errors).first() or {}
        errors = {
            name: e for name, e in errors.items() if name not in stored or stored[name] != _value(obj, name)
        }
    if errors:
        raise ValidationError(errors)


def _value(obj, name):
    model_field = type(obj)._meta.get_field(name)
    try:
        return model_field.to_python(getattr(obj, model_field.attname))
    except ValidationError:
        return getattr(obj, model_field.attname)
