"""The API's JSON bodies, refused past the same size as a page's form (FORM_MAX_BYTES): DRF reads a body
in full however large it is, where Django's own limit only guards request.POST and request.body."""

import io

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        refusal = RequestTooLarge(f"The body is larger than {filesizeformat(limit)}. Nothing was saved.")
        request = (parser_context or {}).get("request")
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
        except ValueError:
            declared = 0
        if declared > limit:
            raise refusal
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise refusal
        return super().parse(io.BytesIO(body), media_type, parser_context)
