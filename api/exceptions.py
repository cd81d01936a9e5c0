"""The API's refusals, each with a reason a person can act on, in the same words as the pages:
403 with the permission module's reason, 404, 409 with every reason a move is refused, 412 with what
changed since the ETag you sent, 400 for a service's validation errors, and 413 for a body past the limit
of a form (FORM_MAX_BYTES), which Django refuses as DRF reads it."""

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from commissioning.versioning import StaleEdit
from strategies.services import TransitionRefused

from .conditional import etag_of


def stale_body(error: StaleEdit) -> dict:
    current = error.current
    return {
        "detail": "Someone else changed this since the version you read (your If-Match). Nothing was saved: "
        "read it again, then make your change.",
        "current_etag": etag_of(current) if current is not None else None,
        "changed_by": str(error.changed_by) if error.changed_by else None,
        "changed_at": error.changed_at.isoformat() if error.changed_at else None,
        "changes": [{"field": c.label, "before": c.before, "after": c.after} for c in error.changes],
    }


def refusal(reason, request) -> dict:
    fix = getattr(reason, "fix_url", "")
    return {
        "reason": str(reason),
        "part": getattr(reason, "part", ""),
        "fix_url": request.build_absolute_uri(fix) if fix and request is not None else fix,
    }


def handler(exc, context):
    if isinstance(exc, DjangoPermissionDenied):
        # DRF would drop the reason; the permission modules' reasons are the point.
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, StaleEdit):
        if exc.deleted:
            return Response({"detail": str(exc)}, status=status.HTTP_404_NOT_FOUND)
        response = Response(stale_body(exc), status=status.HTTP_412_PRECONDITION_FAILED)
        if exc.current is not None:
            response["ETag"] = etag_of(exc.current)
        return response
    elif isinstance(exc, TransitionRefused):
        request = context.get("request")
        return Response(
            {
                "detail": "The move was refused. Nothing was changed.",
                "reasons": [str(reason) for reason in exc.reasons],
                # Each reason with the part of the stage it concerns and the page where it is fixed.
                "refusals": [refusal(reason, request) for reason in exc.reasons],
            },
            status=status.HTTP_409_CONFLICT,
        )
    elif isinstance(exc, RequestDataTooBig):
        limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return Response(
            {"detail": f"The body is larger than {limit}. Nothing was saved."},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    elif isinstance(exc, DjangoValidationError):
        messages = list(exc.messages)
        body = {"detail": " ".join(messages), "non_field_errors": messages}
        if hasattr(exc, "error_dict"):  # a service naming the field at fault: named as a serializer would
            body = {"detail": " ".join(messages), **exc.message_dict}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    return exception_handler(exc, context)
