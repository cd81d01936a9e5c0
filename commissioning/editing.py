"""Saving a form through a service, the one way every page does it: a stale form is refused with what the
other person changed (409), a service's refusal is shown on the form (400), and either way the form keeps
what was typed, to show again. A delete button is refused the same way when what it deletes has changed."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from .forms import add_errors
from .versioning import StaleEdit


@dataclass
class Attempt:
    done: bool
    result: object = None  # what the service returned, once done
    stale: StaleEdit | None = None
    status: int = 200  # the page's status when not done: 400 (invalid or refused) or 409 (stale)


def attempt(form, write: Callable) -> Attempt:
    """Validate `form` and save it through `write(seen_version)` (the version the form was loaded from,
    or None for a form without one). Nothing is saved unless the form is valid and current."""
    if not form.is_valid():
        return Attempt(False, status=400)
    try:
        result = write(form.cleaned_data.get("seen_version"))
    except StaleEdit as error:
        return Attempt(False, stale=error, status=409)
    except ValidationError as error:
        add_errors(form, error)
        return Attempt(False, status=400)
    return Attempt(True, result)


def attempt_delete(request, delete: Callable) -> StaleEdit | None:
    """Delete through `delete(seen_version)`, the version the delete button was drawn with (0, never
    current, when it is missing or garbled). Returns the refusal when someone changed it meanwhile."""
    try:
        seen = int(request.POST.get("seen_version", ""))
    except ValueError:
        seen = 0
    try:
        delete(seen)
    except StaleEdit as error:
        return error
    return None
