"""What the API tests share: a client that calls as a person through a personal token, and the world of
the delivery rights matrix (tests/test_delivery.py) with a token for each person."""

from rest_framework.test import APIClient

from api.models import ApiToken


def token_client(person, name="tests") -> APIClient:
    client = APIClient()
    if person is not None:
        _, secret = ApiToken.issue(person, name)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def if_match(etag: str) -> dict:
    return {"HTTP_IF_MATCH": etag}
