"""Rate limits on the public site's forms (subscribing): so many requests an hour from one address and for one
e-mail address, counted in the shared cache; while the cache fails, nothing is refused for it (a subscription
still needs its confirmation link, so a flood reaches no one's inbox twice in a row unasked)."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)
HOUR = 3600


def _key(kind: str, value: str) -> str:
    return f"public-rate:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


def allow(**idents: str) -> bool:
    """Count one request against each of `idents` (e.g. address=..., email=...); False when any is past
    SUBSCRIBE_RATE_PER_HOUR this hour."""
    limit = settings.SUBSCRIBE_RATE_PER_HOUR
    allowed = True
    for kind, value in idents.items():
        key = _key(kind, value.lower())
        try:
            cache.add(key, 0, HOUR)
            count = cache.incr(key)
        except Exception as error:  # the cache is down: let it through, and say so
            log.warning("Subscription rate limits are not counted: the cache failed (%s)", error)
            continue
        allowed = allowed and count <= limit
    return allowed
