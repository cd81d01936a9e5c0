"""What the API tests share: a client that calls as a person through a personal token, and the world of
the delivery rights matrix (tests/test_delivery.py) with a token for each person."""

from django.core.cache import cache
from rest_framework.test import APIClient

from api.models import ApiToken


def token_client(person, name="tests") -> APIClient:
    client = APIClient()
    if person is not None:
        _, secret = ApiToken.issue(person, name)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def throttle_rates(settings, token: str, session: str, anon: str) -> None:
    """The API's rate limits for one test, counted afresh."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": token, "session": session, "anon": anon},
    }
    cache.clear()


def unthrottled(settings) -> None:
    """Limits no test of many requests will reach."""
    throttle_rates(settings, "100000/minute", "100000/minute", "100000/minute")


def if_match(etag: str) -> dict:
    return {"HTTP_IF_MATCH": etag}
