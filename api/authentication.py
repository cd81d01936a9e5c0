"""Who is calling: a personal token (`Authorization: Bearer cms_…`) or the browser session (with CSRF)."""

from datetime import timedelta

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import TOKEN_START, ApiToken

# Writing last_used_at on every call would be a write per request; a minute is precise enough.
TOUCH_EVERY = timedelta(minutes=1)


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send the token as 'Authorization: Bearer <token>'.")
        try:
            secret = header[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("The token is not valid.") from None
        prefix = secret[len(TOKEN_START) :].split("_", 1)[0] if secret.startswith(TOKEN_START) else ""
        try:  # get(), not first(): the prefix is unique, and ordering the one row cost a third of the call
            token = ApiToken.objects.select_related("user").get(prefix=prefix) if prefix else None
        except ApiToken.DoesNotExist:
            token = None
        if token is None or not token.matches(secret):
            raise exceptions.AuthenticationFailed("The token is not valid.")
        if token.revoked_at:
            raise exceptions.AuthenticationFailed("This token has been revoked.")
        if token.is_expired:
            raise exceptions.AuthenticationFailed(
                "This token has expired. Create a new one on your profile page."
            )
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("This account has been switched off.")
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword  # so an unauthenticated call is answered 401, not 403


class SessionAuthentication(authentication.SessionAuthentication):
    """The UI's own calls: the signed-in session, with Django's CSRF check on writes."""


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.TokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, created on your profile page (/account/).",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.SessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
