"""ETags and If-Match: no lost updates. A versioned record's ETag is its version (commissioning.Versioned);
a strategy's also names its stage, since a move changes the stage without a new version. An update must
send If-Match with the ETag it read; a stale one is refused with 412 and what changed since."""

import hashlib

from rest_framework.exceptions import APIException, ParseError

from delivery.models import Measurement
from strategies.models import Strategy

ANY = "*"


class PreconditionRequired(APIException):
    status_code = 428
    default_detail = "Send If-Match with the ETag of the version you read, so no one else's change is lost."
    default_code = "precondition_required"


def etag_of(obj) -> str:
    if isinstance(obj, Strategy):
        return f'"{obj.version}-{obj.stage}"'
    if isinstance(obj, Measurement):
        # Not versioned: what it says and when it was last recorded identify the version.
        seen = f"{obj.value}|{obj.note}|{obj.recorded_at.isoformat() if obj.recorded_at else ''}"
        return f'"m{hashlib.sha256(seen.encode()).hexdigest()[:16]}"'
    return f'"{obj.version}"'


def if_match(request, required=True) -> list[str] | None:
    """The ETags of If-Match (a list; ["*"] for any), or None when it is absent and not required."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        if required:
            raise PreconditionRequired()
        return None
    if header == ANY:
        return [ANY]
    tags = [t.strip().removeprefix("W/") for t in header.split(",") if t.strip()]
    if not tags or any(not (len(t) >= 2 and t.startswith('"') and t.endswith('"')) for t in tags):
        raise ParseError('If-Match must be an ETag as this API sent it, in double quotes, like "3".')
    return tags


def seen_version(request, obj) -> int:
    """The version the caller read, for commissioning.versioning.save_if_current: the current one when
    If-Match names it (or is *), else the version it does name (so the refusal can say what changed)."""
    tags = if_match(request)
    current = etag_of(obj)
    if ANY in tags or current in tags:
        return obj.version
    for tag in tags:
        number = tag.strip('"').split("-", 1)[0]
        if number.isdigit():
            return int(number) if int(number) != obj.version else -1  # same version, other stage: stale
    return -1  # an ETag of nothing we sent: certainly not the current version


def matches(request, obj, required=True) -> bool:
    tags = if_match(request, required=required)
    return tags is None or ANY in tags or etag_of(obj) in tags
