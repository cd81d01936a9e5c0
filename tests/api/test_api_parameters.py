"""No parameter can make the API fail (issue 26): every integer, id, date, page and page size is checked
against its range before it reaches a query, answering 400 naming the parameter (404 for a path id), on
whichever database the suite runs (SQLite locally, PostgreSQL in CI). The ranges come from the served
schema itself, so the schema and the checks cannot disagree."""

import pytest
from django.http import QueryDict
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.filters import ContractFilter
from commissioning.converters import ID_MAX

from .api_support import token_client, unthrottled
from .test_api import _build_world, shared_world  # noqa: F401 - the world the calls act on

# Built at collection, as the schema view builds it (it reads no data).
SCHEMA = SchemaGenerator().get_schema(request=None, public=True)


def _get_operations():
    for path, operations in SCHEMA["paths"].items():
        if "get" in operations:
            yield path, operations["get"].get("parameters", [])


def _query_parameters(**schema):
    for path, parameters in _get_operations():
        if "{" in path:
            continue
        for parameter in parameters:
            if parameter["in"] == "query" and schema.items() <= parameter["schema"].items():
                yield pytest.param(path, parameter, id=f"{path}?{parameter['name']}")


def _required(path) -> dict:
    """The operation's required query parameters, each given a plain value (search needs its words)."""
    parameters = dict(_get_operations())[path]
    return {p["name"]: "advocacy" for p in parameters if p["in"] == "query" and p.get("required")}


@pytest.fixture
def api(db, shared_world, settings):  # noqa: F811
    unthrottled(settings)
    return token_client(shared_world["people"]["commissioner"])


def test_the_schema_states_every_integer_parameters_range():
    unbounded = [
        (path, parameter["name"])
        for path, parameters in _get_operations()
        for parameter in parameters
        if parameter["schema"].get("type") == "integer"
        and not {"minimum", "maximum"} <= parameter["schema"].keys()
    ]
    assert unbounded == []
    ids = [
        p
        for _, parameters in _get_operations()
        for p in parameters
        if p["in"] == "path" and p["name"] == "id"
    ]
    assert ids and all(
        p["schema"] == {"type": "integer", "format": "int64", "minimum": 1, "maximum": ID_MAX} for p in ids
    )


@pytest.mark.parametrize(("path", "parameter"), list(_query_parameters(type="integer")))
def test_an_integer_out_of_its_range_is_refused_naming_the_parameter(api, path, parameter):
    name, bounds, required = parameter["name"], parameter["schema"], _required(path)
    for value in (bounds["maximum"] + 1, bounds["minimum"] - 1, 10**40, "1.5", "7e3", "NaN"):
        response = api.get(path, {**required, name: value})
        assert response.status_code == 400, (name, value, response.status_code)
        assert name in response.json(), (name, value, response.json())
    # In range: asked of the database like any other value (a page past the last answers 404), never a 500.
    assert api.get(path, {**required, name: bounds["maximum"]}).status_code in (200, 400, 404)
    if name not in ("page",):
        # A value in range is a query like any other (a related record that does not exist is named too).
        response = api.get(path, {**required, name: bounds["minimum"]})
        assert response.status_code in (200, 400) and (response.status_code == 200 or name in response.json())


@pytest.mark.parametrize(("path", "parameter"), list(_query_parameters(type="string", format="date")))
def test_a_date_out_of_the_calendar_is_refused_and_its_ends_are_answered(api, path, parameter):
    name, required = parameter["name"], _required(path)
    for value in ("0000-01-01", "10000-01-01", "2026-02-30", "2026-13-01", "-1"):
        response = api.get(path, {**required, name: value})
        assert response.status_code == 400 and name in response.json(), (name, value)
    for value in ("0001-01-01", "9999-12-31"):
        assert api.get(path, {**required, name: value}).status_code == 200, (name, value)


def test_a_path_id_out_of_range_is_no_record(api, shared_world):  # noqa: F811
    for path, parameters in _get_operations():
        if not any(p["in"] == "path" and p["name"] == "id" for p in parameters) or path.count("{") > 1:
            continue
        for value in (0, -1, ID_MAX + 1, 10**40, "1.5"):
            assert api.get(path.replace("{id}", str(value))).status_code == 404, (path, value)
        assert api.get(path.replace("{id}", str(ID_MAX))).status_code == 404, path


def test_page_and_page_size_out_of_range_are_refused_by_name(api):
    assert api.get("/api/strategies/", {"page_size": 201}).json() == {
        "page_size": ["Ensure this value is less than or equal to 200."]
    }
    assert "page_size" in api.get("/api/strategies/", {"page_size": 0}).json()
    assert "page" in api.get("/api/strategies/", {"page": "abc"}).json()
    assert api.get("/api/strategies/", {"page": 2}).status_code == 404  # past the last page, as DRF says
    assert api.get("/api/strategies/", {"page": "last", "page_size": 1}).status_code == 200


QUERY_VALUES = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(str),
    st.text(alphabet="0123456789-.e+", max_size=25),
    st.sampled_from(["", "NaN", "Infinity", "9223372036854775808", "true", "null"]),
)
LIST_PATHS = sorted(
    {path for path, _ in _get_operations() if "{" not in path and not path.endswith("/schema/")}
)


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None
)
@given(
    path=st.sampled_from(LIST_PATHS),
    query=st.dictionaries(
        st.sampled_from(sorted({p["name"] for _, ps in _get_operations() for p in ps if p["in"] == "query"})),
        QUERY_VALUES,
        max_size=4,
    ),
)
def test_any_query_string_answers_without_a_server_error(api, path, query):
    assert api.get(path, query).status_code in (200, 400, 404)


def test_a_filter_sets_form_class_is_made_once_and_each_form_has_its_own_fields():
    first, second = (ContractFilter(QueryDict(f"strategy={n}")) for n in (1, 2))
    assert type(first.form) is type(second.form)
    assert first.form.fields["strategy"] is not second.form.fields["strategy"]
    assert first.form.data["strategy"] == "1" and second.form.data["strategy"] == "2"
