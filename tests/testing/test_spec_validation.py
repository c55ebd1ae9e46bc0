"""The fake validates requests from the spec's parameters (generated into
``anthropic_models._spec``): what the spec says of a parameter, the fake enforces,
with the API's 400."""

from __future__ import annotations

import httpx

from anthropic_models._operation import Operation, Parameter
from anthropic_models._spec import ERROR_STATUSES
from anthropic_models.testing import FakeModelsAPI
from anthropic_models.testing._core import _validated

KEY = "test-api-key"
HEADERS = {"x-api-key": KEY, "anthropic-version": "2023-06-01"}


def _get(params: dict[str, str]) -> httpx.Response:
    fake = FakeModelsAPI()
    with httpx.Client(transport=fake.transport(), base_url="http://fake") as http:
        return http.get("/v1/models", params=params, headers=HEADERS)


def test_a_bad_request_is_answered_with_the_apis_400() -> None:
    # Three documented statuses show invalid_request_error (400, 412, 422): a bad
    # request is the first of them, as the API answers it.
    shared = [e.status for e in ERROR_STATUSES.values()]
    assert {400, 412, 422} <= set(shared)
    for params in ({"limit": "0"}, {"bogus": "1"}, {"lifecycle[]": "sunset"}):
        response = _get(params)
        assert response.status_code == 400, params
        assert response.json()["error"]["type"] == "invalid_request_error"


def test_an_integer_too_long_to_read_is_a_400_not_a_crash() -> None:
    response = _get({"limit": "9" * 5000})
    assert response.status_code == 400
    assert "valid integer" in response.json()["error"]["message"]


def test_a_required_query_parameter_that_is_missing_is_refused() -> None:
    needed = Parameter(
        name="region",
        location="query",
        generated="region",
        argument="region",
        description="Where.",
        type="string",
        required=True,
    )
    operation = Operation(
        operation_id="probe",
        method="get",
        path="/v1/probe",
        query=(),
        resource="probes",
        name="list",
        summary="",
        description="",
        parameters=(needed,),
    )
    assert _validated(operation, [], {}) == "region: Field required"
    assert _validated(operation, [("region", "eu")], {}) == {"region": "eu"}
