"""The API against its own OpenAPI schema: schemathesis generates requests for every operation (valid and
not), calls the app in-process through WSGI as a commissioner with a token, and checks that nothing answers
5xx, every response matches the schema and its status code is documented. Three phases: examples and
fuzzing, the coverage phase (every parameter's boundary values: the schema's minimum and maximum, one past
them, wrong types), and the stateful phase (chains of calls: a list's ids into the detail, its ETag into an
update). Bounded to stay within the suite's time; seeded and reproducible: API_FUZZ_SEED picks the seed
(`API_FUZZ_SEED=7 make test PYTEST_ARGS=tests/api/test_api_schema.py`).

The schema is loaded, and each operation's test made, when the test runs (a lazy schema, from a fixture),
not when the tests are collected: every xdist worker collects every test, and making the operations' tests
(the coverage phase's boundary values) costs seconds. Each operation runs as a subtest, named in a failure."""

import os

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from api.models import ApiToken
from commissioning.wsgi import application

from .api_support import unthrottled
from .test_api import _build_world, shared_world  # noqa: F401 - the world the calls act on

SEED = int(os.environ.get("API_FUZZ_SEED", "20261205"))
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]


@pytest.fixture
def in_test_transaction():
    """Requests through the real WSGI handler close the database connection when they finish; inside a
    test's transaction that would lose it (Django's test client unhooks the same signal handler)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(in_test_transaction):
    """The app's own OpenAPI schema, read through WSGI (the schema view reads no data)."""
    loaded = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    loaded.config.seed = SEED
    return loaded


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture(autouse=True)
def _node_id_where_schemathesis_reads_it(request):
    """schemathesis 4.32's lazy schema names each operation's subtest through the test's `_nodeid`, which
    pytest 9.2 no longer keeps (its node ids are structured): given it, as before."""
    request.node._nodeid = request.node.nodeid


@pytest.fixture
def token(db, shared_world, settings, in_test_transaction):  # noqa: F811
    unthrottled(settings)
    _, secret = ApiToken.issue(shared_world["people"]["commissioner"], "schemathesis")
    return secret


@schema.parametrize()
@hypothesis.settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_no_server_errors_and_every_response_matches_the_schema(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)


def test_chains_of_calls_stay_within_the_schema(api_schema, token):
    """The stateful phase: schemathesis links operations (a list's ids into the detail and its actions) and
    walks chains of calls as the commissioner."""

    class Workflow(api_schema.as_state_machine()):
        def get_call_kwargs(self, case):
            return {"headers": {"Authorization": f"Bearer {token}"}}

        def validate_response(self, response, case, **kwargs):
            case.validate_response(response, checks=CHECKS)

    assert Workflow.bundles, "the schema gives the state machine no links to follow"
    Workflow.run(
        settings=hypothesis.settings(
            max_examples=25,
            stateful_step_count=5,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
    )
