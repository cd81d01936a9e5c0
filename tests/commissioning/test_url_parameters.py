"""Pages: no URL or query parameter can make a page fail (issue 26). Every record id in a path goes through
the one id converter (commissioning/converters.py), so an id outside a 64-bit key's range answers 404 before
any query; every list page's filters answer 200 or 400, never 500, whatever the query string."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commissioning import roles
from commissioning.converters import ID_MAX, IdConverter

from .. import factories, matrix


def _routes(patterns=None, prefix="", converters=None):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        found = {**(converters or {}), **entry.pattern.converters}
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern), found)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), found


def _allauths_passkeys(route: str) -> bool:
    """allauth's own passkey pages take `<int:pk>`: reached only after signing in again, and the id is looked
    up among the signed-in person's own passkeys (a 404 for any other), so no id reaches a query unbounded."""
    return route.startswith("accounts/2fa/webauthn/keys/")


ROUTES = [
    (route, converters)
    for route, converters in _routes()
    if not route.startswith(("django-admin", "^", "api/"))  # Django's own admin; the API has its own tests
    and not _allauths_passkeys(route)
]
ID_ROUTES = sorted(
    {route for route, converters in ROUTES if any(isinstance(c, IdConverter) for c in converters.values())}
)
LIST_PAGES = sorted(
    "/" + route for route, converters in ROUTES if not converters and "<" not in route and route.endswith("/")
)


def _world():
    factories.StrategyFactory()
    return {"people": {"administrator": factories.user(roles.ADMINISTRATOR, username="admin")}}


shared_world = matrix.shared_world_fixture(_world)


@pytest.fixture
def admin_client(client, db, shared_world):
    client.force_login(shared_world["people"]["administrator"])
    return client


def test_no_page_but_the_apis_has_an_address_under_api():
    """The API's patterns are tried first (commissioning/urls.py), which changes nothing only while no other
    pattern could match an address starting api/."""
    others = [entry for entry in get_resolver().url_patterns if str(entry.pattern) != "api/"]
    for route, _ in _routes(others):
        fixed = re.split(r"[<^(\[\\.*+?$]", route, maxsplit=1)[0]  # what it starts with, whatever follows
        if fixed == route:
            assert not route.startswith("api/"), route
        else:
            assert not ("api/".startswith(fixed) or fixed.startswith("api/")), route


def test_every_record_id_in_a_path_goes_through_the_id_converter():
    assert ID_ROUTES, "no route takes a record id"
    assert [
        route
        for route, converters in _routes()
        if any(isinstance(c, IntConverter) for c in converters.values()) and not _allauths_passkeys(route)
    ] == []


@pytest.mark.parametrize("value", [0, ID_MAX + 1, 10**40])
def test_an_id_out_of_range_is_no_page(admin_client, value):
    for route in ID_ROUTES:
        url = "/" + re.sub(r"<id:\w+>", str(value), route)
        url = re.sub(r"<slug:\w+>", "x", url)
        url = re.sub(r"<(\w+:)?\w+>", "x", url)
        assert admin_client.get(url).status_code == 404, url


def test_the_largest_id_is_asked_of_the_database_and_answers_404(admin_client):
    for route in ID_ROUTES:
        url = re.sub(r"<(\w+:)?\w+>", "x", "/" + re.sub(r"<id:\w+>", str(ID_MAX), route))
        assert admin_client.get(url).status_code in (404, 405), url


HOSTILE = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(str),
    st.sampled_from(
        ["", "0000-01-01", "99999-12-31", "NaN", "1e400", "-1", "9223372036854775808", "x" * 300]
    ),
    st.text(max_size=20),
)
FILTER_NAMES = [
    "page",
    "q",
    "stage",
    "directorate",
    "months",
    "board",
    "result",
    "subject",
    "strategy",
    "mine",
    "after",
    "before",
    "status",
    "key",
    "commissioner",
    "cycle",
    "rating",
]


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None
)
@given(
    page=st.sampled_from(LIST_PAGES),
    query=st.dictionaries(st.sampled_from(FILTER_NAMES), HOSTILE, max_size=4),
)
def test_any_query_string_on_a_list_page_answers_without_a_server_error(admin_client, page, query):
    response = admin_client.get(page, {name: value.replace("\x00", "") for name, value in query.items()})
    assert response.status_code in (200, 301, 302, 400, 404, 405), (page, query, response.status_code)
