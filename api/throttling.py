"""Rate limits: each token has its own allowance (scope "token", keyed by the token's id), so one busy
integration cannot use up another's; browser sessions are limited per user (scope "session") and the
public open data per address (scope "anon")."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class PerTokenThrottle(SimpleRateThrottle):
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

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return f"throttle_{self.scope}_{ident}"
