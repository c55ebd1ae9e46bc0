"""The bounds openapi.yaml puts on the request's parameters are the ones the
client's methods check before sending and the fake enforces when answering.

openapi-python-client emits no checks of ``minimum``, ``maxItems`` or
``pattern``; scripts/generate_resources.py writes them into the methods of
``client.models`` and into the data the fake validates with. This module reads
every bound from the spec itself and probes both sides at it and just past it:
the contract between the spec and what was generated from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import httpx
import pytest

from anthropic_models import Client
from anthropic_models.testing import LIFECYCLE_STAGES, FakeModelsAPI, synthetic_models

from .spec_contract import deref, load_spec

KEY = "bounds-key"
SPEC = load_spec()


def _parameter(name: str) -> Mapping[str, Any]:
    """The spec's parameter of that wire name (components, then operations)."""
    candidates = list(SPEC["components"].get("parameters", {}).values())
    for item in SPEC["paths"].values():
        for operation in item.values():
            candidates += operation.get("parameters", [])
    for candidate in candidates:
        parameter: Mapping[str, Any] = deref(SPEC, candidate)
        if parameter["name"] == name:
            return parameter
    raise AssertionError(f"openapi.yaml has no parameter named {name!r}")


def _schema(name: str) -> Mapping[str, Any]:
    schema: Mapping[str, Any] = deref(SPEC, _parameter(name)["schema"])
    return schema


API_VERSION = "2023-06-01"
# The client's methods check their arguments when called, before sending: a
# client whose every request would fail shows that nothing was sent.
_CLIENT = Client(
    api_key=KEY,
    base_url="https://api.test",
    http_client=httpx.Client(
        transport=httpx.MockTransport(lambda r: httpx.Response(599))
    ),
    max_retries=0,
)


def _list_takes(**arguments: Any) -> bool:
    try:
        _CLIENT.models.list(**arguments)
    except ValueError:
        return False
    return True


@pytest.fixture
def fake_http() -> Iterator[httpx.Client]:
    # More models than the largest default page, so that a page is never short.
    fake = FakeModelsAPI(models=synthetic_models(50), api_key=KEY)
    with httpx.Client(
        base_url="https://api.test",
        transport=fake.transport(),
        headers={"x-api-key": KEY, "anthropic-version": API_VERSION},
    ) as http:
        yield http


# --- limit ------------------------------------------------------------------------


def test_limit_is_checked_at_the_specs_minimum_and_maximum(
    fake_http: httpx.Client,
) -> None:
    schema = _schema("limit")
    low, high = schema["minimum"], schema["maximum"]
    for inside in (low, high):
        assert _list_takes(limit=inside)
        assert fake_http.get("/v1/models", params={"limit": inside}).status_code == 200
    for outside in (low - 1, high + 1):
        with pytest.raises(ValueError, match="limit"):
            _CLIENT.models.list(limit=outside)
        assert fake_http.get("/v1/models", params={"limit": outside}).status_code == 400


def test_the_fakes_default_page_is_the_specs_default(fake_http: httpx.Client) -> None:
    page = fake_http.get("/v1/models").json()
    assert page["has_more"]
    assert len(page["data"]) == _schema("limit")["default"]


# --- lifecycle ----------------------------------------------------------------------


def test_lifecycle_takes_the_specs_number_of_stages(fake_http: httpx.Client) -> None:
    schema = _schema("lifecycle[]")
    fewest, most = schema["minItems"], schema["maxItems"]
    for count in (fewest, most):
        stages = ["active"] * count
        assert _list_takes(lifecycle=stages)
        answer = fake_http.get("/v1/models", params={"lifecycle[]": stages})
        assert answer.status_code == 200
    with pytest.raises(ValueError, match="lifecycle"):
        _CLIENT.models.list(lifecycle=["active"] * (most + 1))
    with pytest.raises(ValueError, match="lifecycle"):
        _CLIENT.models.list(lifecycle=["active"] * (fewest - 1))
    past = fake_http.get("/v1/models", params={"lifecycle[]": ["active"] * (most + 1)})
    assert past.status_code == 400


def test_the_fakes_lifecycle_stages_are_the_specs() -> None:
    # An open enum: the stages listed, or any other string (which the API refuses
    # today, and the fake with it).
    open_enum = deref(SPEC, _schema("lifecycle[]")["items"])
    (listed,) = [member["enum"] for member in open_enum["anyOf"] if "enum" in member]
    assert tuple(listed) == LIFECYCLE_STAGES


# --- anthropic-beta and anthropic-version -------------------------------------------


def _accepted(name: str) -> bool:
    return _list_takes(betas=[name])


def test_a_beta_name_is_what_the_specs_header_pattern_admits() -> None:
    pattern = re.compile(_schema("anthropic-beta")["pattern"])
    probes = [f"a{chr(code)}b" for code in range(0x80)]
    probes += ["a\u00e9b", "a\u2028b", "", "files-api-2025-04-14"]
    # The pattern is the header's, a comma-separated list: one name is what it
    # admits without a comma.
    disagreements = [
        name
        for name in probes
        if _accepted(name) != (bool(pattern.search(name)) and "," not in name)
    ]
    assert disagreements == []
    # And names the runtime takes join into a header the pattern admits.
    names = ["files-api-2025-04-14", "x!~", "some-future-beta"]
    assert all(_accepted(name) for name in names)
    assert pattern.search(",".join(names))


def test_the_version_the_runtime_sends_is_the_specs_default() -> None:
    fake = FakeModelsAPI(api_key=KEY)
    http = httpx.Client(transport=fake.transport())
    with Client(api_key=KEY, base_url="https://api.test", http_client=http) as client:
        client.models.get("claude-sonnet-4-5")
    (request,) = fake.requests
    assert (
        request.headers["anthropic-version"] == _schema("anthropic-version")["default"]
    )
