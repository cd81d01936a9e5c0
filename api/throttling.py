"""Rate limits: each token has its own allowance (scope "token", keyed by the token's id), so one busy
integration cannot use up another's; browser sessions are limited per user (scope "session") and the
public open data per address (scope "anon"), the address taken as commissioning.clientip says.

The counts are kept in the shared cache (Redis in production); when it does not answer, each process
counts on its own for a while and says so in the log, so the API and the open data keep answering."""

import logging
import time

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from commissioning.clientip import client_ip

from .models import ApiToken

log = logging.getLogger(__name__)


class FallbackCache:
    """The default cache, or this process's own memory while the default cache fails (tried again after
    RETRY_AFTER seconds)."""

    RETRY_AFTER = 30

    def __init__(self):
        self.local = LocMemCache("api-throttle-fallback", {})
        self.failed_at = None

    def _shared(self):
        if self.failed_at is not None and time.monotonic() - self.failed_at < self.RETRY_AFTER:
            return None
        return caches["default"]

    def _failed(self, error) -> None:
        if self.failed_at is None:
            log.warning("The API's rate limits are counted in each process: the cache failed (%s)", error)
        self.failed_at = time.monotonic()

    def get(self, key, default=None):
        shared = self._shared()
        if shared is not None:
            try:
                value = shared.get(key, default)
            except Exception as error:
                self._failed(error)
            else:
                if self.failed_at is not None:
                    log.warning("The API's rate limits are shared again: the cache answers")
                    self.failed_at = None
                return value
        return self.local.get(key, default)

    def set(self, key, value, timeout=None):
        shared = self._shared()
        if shared is not None:
            try:
                return shared.set(key, value, timeout)
            except Exception as error:
                self._failed(error)
        return self.local.set(key, value, timeout)


class PerTokenThrottle(SimpleRateThrottle):
    cache = FallbackCache()

    def allow_request(self, request, view):
        if isinstance(request.auth, ApiToken):
            self.scope = "token"
        elif request.user and request.user.is_authenticated:
            self.scope = "session"
        else:
            self.scope = "anon"  # the open data, which needs no token
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_rate(self):
        # Read each time (not DRF's class attribute fixed at import), so a changed setting applies.
        return api_settings.DEFAULT_THROTTLE_RATES.get(getattr(self, "scope", None) or "token")

    def get_ident(self, request):
        return client_ip(request)  # X-Forwarded-For only as far as TRUSTED_PROXY_COUNT proxies wrote it

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return f"throttle_{self.scope}_{ident}"
