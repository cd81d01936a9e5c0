"""The API keeps answering when Redis (its rate limits' cache) is down, counts rate limits by the address
our own proxies saw (not one a caller writes into X-Forwarded-For), and answers a program in JSON: 401 when
its session has expired, never a redirect to the HTML sign-in page."""

import logging
import time

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from api.throttling import PerTokenThrottle
from commissioning.clientip import client_ip
from commissioning.middleware import LAST_SEEN

from .. import factories
from .api_support import throttle_rates, token_client

DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


@pytest.fixture
def rates(settings):
    throttle_rates(settings, "3/minute", "3/minute", "2/minute")
    fallback = PerTokenThrottle.cache
    fallback.local.clear()
    fallback.failed_at = None
    yield
    fallback.local.clear()
    fallback.failed_at = None


OPEN_DATA = "/api/open-data/contracts.csv"


# Redis down ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_with_the_cache_down_the_api_and_open_data_answer_and_still_limit(
    rates, settings, commissioner, caplog
):
    settings.CACHES = DEAD_REDIS
    caplog.set_level(logging.WARNING, logger="api.throttling")
    anonymous = APIClient()
    started = time.monotonic()
    assert [anonymous.get(OPEN_DATA).status_code for _ in range(3)] == [200, 200, 429]  # counted here
    owner = token_client(commissioner)
    assert [owner.get("/api/strategies/").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert time.monotonic() - started < 10
    assert "counted in each process" in caplog.text


@pytest.mark.django_db
def test_the_shared_count_is_used_again_once_the_cache_answers(rates, settings):
    fallback = PerTokenThrottle.cache
    fallback.failed_at = time.monotonic() - fallback.RETRY_AFTER - 1
    assert APIClient().get(OPEN_DATA).status_code == 200
    assert fallback.failed_at is None
    assert any("throttle_anon_" in key for key in cache._cache)  # locmem in tests: the shared one


# Trusted proxies -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_forged_x_forwarded_for_does_not_escape_the_limit(rates, settings):
    settings.TRUSTED_PROXY_COUNT = 0  # no proxy: the header is the caller's own words
    anonymous = APIClient()
    codes = [anonymous.get(OPEN_DATA, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(4)]
    assert codes == [200, 200, 429, 429]


@pytest.mark.django_db
def test_behind_one_proxy_each_client_has_its_own_limit_and_cannot_forge_another(rates, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    anonymous = APIClient()

    def via_proxy(forwarded):
        return anonymous.get(OPEN_DATA, HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2").status_code

    # The proxy appends the address it saw; what the caller put before it is not believed.
    assert [via_proxy(f"198.51.100.{n}, 203.0.113.7") for n in range(3)] == [200, 200, 429]
    assert via_proxy("203.0.113.8") == 200  # another client behind the same proxy


@pytest.mark.parametrize(
    "count,forwarded,expected",
    [
        (0, "198.51.100.1", "192.0.2.1"),
        (1, "", "192.0.2.1"),
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.1", "198.51.100.1"),
        (3, "198.51.100.1, 10.0.0.1", "198.51.100.1"),
    ],
)
def test_client_ip_believes_only_the_trusted_proxies(settings, rf, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    assert client_ip(rf.get("/", REMOTE_ADDR="192.0.2.1", **extra)) == expected


@pytest.mark.django_db
def test_sign_in_lock_outs_use_the_same_address(client, settings, commissioner):
    """django-axes locks a username out from one address: behind our proxy, the client's, so one client's
    failures do not lock out everyone behind the proxy, and a forged header does not help."""
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 3
    login = reverse("login")

    def sign_in(password, forwarded):
        return client.post(
            login,
            {"username": commissioner.username, "password": password},
            HTTP_X_FORWARDED_FOR=forwarded,
            REMOTE_ADDR="10.0.0.2",
        )

    for n in range(3):
        sign_in("wrong", f"6.6.6.{n}, 198.51.100.1")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.1"}
    assert sign_in(factories.PASSWORD, "7.7.7.7, 198.51.100.1").status_code == 429  # locked out
    assert sign_in(factories.PASSWORD, "203.0.113.8").status_code == 302  # another client signs in


# Expired and absent sessions -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_expired_session_on_the_api_is_a_json_401(client, settings, commissioner, no_throttle):
    client.force_login(commissioner)
    assert client.get("/api/strategies/").status_code == 200
    session = client.session
    session[LAST_SEEN] = time.time() - settings.SESSION_IDLE_TIMEOUT.total_seconds() - 1
    session.save()
    response = client.get("/api/strategies/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json" and "expired" in response.json()["detail"]
    assert response["WWW-Authenticate"] == "Bearer"
    assert client.get("/api/strategies/").status_code == 401  # signed out: absent now, still 401


@pytest.mark.django_db
def test_an_expired_session_does_not_stop_a_personal_token(client, settings, commissioner, no_throttle):
    from api.models import ApiToken

    _, secret = ApiToken.issue(commissioner, "script")
    client.force_login(commissioner)
    session = client.session
    session[LAST_SEEN] = time.time() - settings.SESSION_IDLE_TIMEOUT.total_seconds() - 1
    session.save()
    assert client.get("/api/strategies/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


@pytest.mark.django_db
def test_an_expired_session_on_a_page_still_goes_to_sign_in(client, settings, commissioner):
    client.force_login(commissioner)
    session = client.session
    session[LAST_SEEN] = time.time() - settings.SESSION_IDLE_TIMEOUT.total_seconds() - 1
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
