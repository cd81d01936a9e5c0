"""Rate limits: each token has its own allowance (scope "token", keyed by the token's id), so one busy
integration cannot use up another's; browser sessions are limited per user (scope "session") and the
public open data per address (scope "anon"), the address taken as commissioning.clientip says.

The counts are kept in the shared cache (Redis in production); when it does not answer, each process
counts on its own for a while and says so in the log, so the API and the open data keep answering."""

import logging

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from commissioning.cachefailure import RestsAfterFailure
from commissioning.clientip import client_ip

from .models import ApiToken

log = logging.getLogger(__name__)


class FallbackCache(RestsAfterFailure):
    """The default cache, or this process's own memory while the default cache fails (tried again after
    RETRY_AFTER seconds: commissioning.cachefailure)."""

    logger = log
    failing = "The API's rate limits are counted in each process: the cache failed (%s)"
    answering = "The API's rate limits are shared again: the cache answers"

    def __init__(self):
        self.local = LocMemCache("api-throttle-fallback", {})

    def _shared(self):
        return caches["default"] if self.usable() else None

    def get(self, key, default=None):
        shared = self._shared()
        if shared is not None:
            try:
                value = shared.get(key, default)
            except Exception as error:
                self.failed(error)
            else:
                self.answered()
                return value
        return self.local.get(key, default)

    def set(self, key, value, timeout=None):
        shared = self._shared()
        if shared is not None:
            try:
                return shared.set(key, value, timeout)
            except Exception as error:
                self.failed(error)
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
