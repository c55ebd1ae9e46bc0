"""Schemathesis, driven by openapi.yaml, against the fake's real HTTP face.

Every built-in check that `case.call_and_validate` runs by default must pass:
not_a_server_error, status_code_conformance, content_type_conformance,
response_schema_conformance (formats validated), response_headers_conformance,
positive_data_acceptance, negative_data_rejection, missing_required_header,
ignored_auth, unsupported_method, allow_header_conformance, use_after_free,
ensure_resource_availability, object_level_authorization. Only max_response_time
is off (the default): timing is the benchmarks' business.

Generation covers every phase schemathesis runs under pytest (explicit examples,
coverage, fuzzing) in both modes, positive and negative. The number of cases
is printed in pytest's terminal summary (section "schemathesis against the fake").
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from anthropic_models.testing import LIFECYCLE_STAGES, FakeModelsAPI, FakeServer

SPEC = Path(__file__).resolve().parents[2] / "openapi.yaml"
# An explicit default config, so a schemathesis.toml lying around cannot change
# what this test checks.
schema = schemathesis.openapi.from_path(SPEC, config=schemathesis.Config())

# (operation, phase, mode) -> cases run; printed when the module finishes.
CASES: Counter[tuple[str, str, str]] = Counter()


class _CaseSummary:
    """Prints the case count in pytest's terminal summary (so it shows without -s:
    output written from a fixture would be captured)."""

    def __init__(self, fake: FakeModelsAPI) -> None:
        self.fake = fake

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        terminalreporter.section("schemathesis against the fake")
        terminalreporter.write_line(
            f"{sum(CASES.values())} schemathesis cases, "
            f"{len(self.fake.requests)} HTTP requests to the fake "
            "(the checks re-send some requests, without auth for instance)"
        )
        for (operation, phase, mode), count in sorted(CASES.items()):
            terminalreporter.write_line(f"  {operation} [{phase}, {mode}]: {count}")


@pytest.fixture(scope="module")
def fake() -> FakeModelsAPI:
    return FakeModelsAPI()


@pytest.fixture(scope="module")
def server(request: pytest.FixtureRequest, fake: FakeModelsAPI) -> Iterator[FakeServer]:
    request.config.pluginmanager.register(
        _CaseSummary(fake), "fake-conformance-summary"
    )
    with fake.serve() as served:
        yield served


def _meaningful_cursors(case: schemathesis.Case[Any], ids: list[str]) -> None:
    """Turn a positive case's cursors into ones the API accepts.

    The spec types after_id/before_id as any string: it cannot say that a cursor
    must be the ID of a listed model, nor that the two cursors exclude each other.
    The live API (and so the fake) answers 400 to an unknown cursor and to both
    together, which positive_data_acceptance would report as "schema-valid request
    rejected". So a positive case keeps at most one cursor, and an unknown one is
    replaced by a real ID (chosen from the drawn value, so it is reproducible).
    Negative cases are left alone; the 400s themselves are tested in
    tests/testing/test_api.py.
    """
    meta = case.meta
    if meta is None or meta.generation.mode.is_negative or not case.query:
        return
    query = case.query
    if "after_id" in query and "before_id" in query:
        del query["before_id"]
    for name in ("after_id", "before_id"):
        value = query.get(name)
        if isinstance(value, str) and value not in ids:
            query[name] = ids[zlib.crc32(value.encode()) % len(ids)]


def _known_stages(case: schemathesis.Case[Any]) -> None:
    """Turn a positive case's lifecycle values into stages the API knows.

    The spec types the filter's values as an open enum (the three stages, or any
    other string: more stages may come, and a client should be able to ask for
    them), but the API, and so the fake, answers 400 to a stage it does not know
    today. So a positive case's unknown value is replaced by a known stage
    (chosen from the drawn value, so it is reproducible); negative cases are left
    alone, and the 400 is tested in tests/testing/test_lifecycle_filter.py.
    """
    meta = case.meta
    if meta is None or meta.generation.mode.is_negative or not case.query:
        return
    for name in ("lifecycle[]", "lifecycle"):
        values = case.query.get(name)
        if values is None:
            continue
        listed = values if isinstance(values, list) else [values]
        case.query[name] = [
            value
            if value in LIFECYCLE_STAGES
            else LIFECYCLE_STAGES[zlib.crc32(str(value).encode()) % 3]
            for value in listed
        ]


@schema.parametrize()
@settings(
    max_examples=100,
    deadline=None,
    # Reproducible: the same cases (and count) on every run, and no replay of an
    # example database that would change the count from one machine to the next.
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
def test_fake_conforms_to_spec(
    case: schemathesis.Case[Any], fake: FakeModelsAPI, server: FakeServer
) -> None:
    _meaningful_cursors(case, fake.model_ids)
    _known_stages(case)
    meta = case.meta
    CASES[
        (
            case.operation.label,
            meta.phase.name.value if meta is not None else "?",
            meta.generation.mode.value if meta is not None else "?",
        )
    ] += 1
    case.call_and_validate(
        base_url=server.base_url, headers={"x-api-key": fake.api_key}
    )
