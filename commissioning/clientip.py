"""The client's address, trusting only the proxies the council put in front of the app.

X-Forwarded-For is written by whoever sends the request, so only its last TRUSTED_PROXY_COUNT entries
(each appended by one of our proxies) can be believed: with no proxy configured, the address is the
connection's own (REMOTE_ADDR), whatever the header says. Used by the API's rate limits (DRF's NUM_PROXIES
is set alike) and by django-axes' sign-in lock-outs (AXES_CLIENT_IP_CALLABLE)."""

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if not forwarded:
        return remote
    # The address our outermost trusted proxy saw: the entry `count` places from the end.
    return forwarded[-min(count, len(forwarded))]
