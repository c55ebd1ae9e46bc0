"""Every Fault, through the transport (sync and async) and over HTTP."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import random
import time

import httpx
import pytest

from anthropic_models.testing import FakeModelsAPI, Fault, RecordedRequest

from .helpers import (
    HEADERS,
    NO_TLS,
    TRANSPORT_BASE_URL,
    Face,
    error_of,
    http_client,
    open_face,
)

NORMAL_LIST_LENGTH = 9  # models in the default catalogue


@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (400, "invalid_request_error"),
        (401, "authentication_error"),
        (402, "billing_error"),
        (403, "permission_error"),
        (404, "not_found_error"),
        (413, "request_too_large"),
        (429, "rate_limit_error"),
        (500, "api_error"),
        (504, "timeout_error"),
        (529, "overloaded_error"),
        (408, "timeout_error"),  # documented since 0.3.0: its example's type
        (409, "conflict_error"),
        (418, "invalid_request_error"),  # other 4xx
        (502, "api_error"),  # other 5xx
        (503, "api_error"),
    ],
)
def test_error_fault_has_the_api_error_type_of_its_status(
    face: Face, status: int, error_type: str
) -> None:
    face.fake.inject(Fault.error(status))
    response = face.client.get("/v1/models")
    assert response.status_code == status
    actual_type, message = error_of(response)
    assert actual_type == error_type
    assert message  # a non-empty default message
    # Only that one request: the next is served normally.
    assert face.client.get("/v1/models").status_code == 200


def test_error_fault_takes_a_type_a_message_and_headers(face: Face) -> None:
    face.fake.inject(
        Fault.error(
            429,
            error_type="some_future_error",
            message="slow down",
            headers={
                "retry-after": "2",
                "Retry-After-Ms": "1500",
                "x-should-retry": "true",
            },
        )
    )
    response = face.client.get("/v1/models/claude-sonnet-4-5")
    assert response.status_code == 429
    assert error_of(response) == ("some_future_error", "slow down")
    assert response.headers["retry-after"] == "2"
    assert response.headers["retry-after-ms"] == "1500"
    assert response.headers["x-should-retry"] == "true"


def test_an_error_fault_may_pin_the_request_id(face: Face) -> None:
    face.fake.inject(Fault.error(500, headers={"request-id": "req_pinned"}))
    response = face.client.get("/v1/models")
    assert response.headers.get_list("request-id") == ["req_pinned"]
    assert response.json()["request_id"] == "req_pinned"


def test_overloaded_fault_is_a_529(face: Face) -> None:
    face.fake.inject(Fault.overloaded(), Fault.overloaded(headers={"retry-after": "1"}))
    first = face.client.get("/v1/models")
    second = face.client.get("/v1/models")
    assert first.status_code == second.status_code == 529
    assert error_of(first) == ("overloaded_error", "Overloaded")
    assert "retry-after" not in first.headers
    assert second.headers["retry-after"] == "1"


def test_delay_fault_waits_then_serves_normally(face: Face) -> None:
    face.fake.inject(Fault.delay(0.2))
    started = time.perf_counter()
    response = face.client.get("/v1/models")
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert len(response.json()["data"]) == NORMAL_LIST_LENGTH
    assert 0.2 <= elapsed < 2
    started = time.perf_counter()
    face.client.get("/v1/models")
    assert time.perf_counter() - started < 0.2  # only that request was delayed


def test_over_http_a_delay_makes_a_client_time_out() -> None:
    fake = FakeModelsAPI()
    fake.inject(Fault.delay(0.5))
    with fake.serve() as server, http_client(server, timeout=0.1) as client:
        with pytest.raises(httpx.ReadTimeout):
            client.get("/v1/models")
        # The delayed handler does not hold up the next connection.
        assert client.get("/v1/models").status_code == 200


def test_drop_connection_raises_a_transport_error(face: Face) -> None:
    face.fake.inject(Fault.drop_connection())
    with pytest.raises(httpx.TransportError) as caught:
        face.client.get("/v1/models")
    assert caught.value.request.url.path == "/v1/models"
    response = face.client.get("/v1/models")
    assert response.status_code == 200
    if face.server is not None:  # the dropped connection was not reused
        assert face.server.connections_opened == 2
    assert len(face.fake.requests) == 2  # the dropped request was recorded


@pytest.mark.parametrize("path", ["/v1/models", "/v1/models/claude-sonnet-4-5"])
def test_cut_body_raises_a_transport_error(face: Face, path: str) -> None:
    face.fake.inject(Fault.cut_body())
    with pytest.raises(httpx.TransportError):
        face.client.get(path)
    assert face.client.get(path).status_code == 200


def test_cut_body_sends_the_status_and_full_length_before_failing(face: Face) -> None:
    full = face.client.get("/v1/models").content
    face.fake.inject(Fault.cut_body())
    with face.client.stream("GET", "/v1/models") as response:
        assert response.status_code == 200
        assert response.headers["content-length"] == str(len(full))
        received = b""
        with pytest.raises(httpx.TransportError):
            for chunk in response.iter_bytes():
                received += chunk
    assert received == full[: len(full) // 2]


def test_raw_fault_sends_any_body(face: Face) -> None:
    page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    face.fake.inject(
        Fault.raw(502, page, headers={"server": "proxy"}),
        Fault.raw(503, b"", content_type=None),
        Fault.raw(200, b"not json", content_type="application/json"),
    )
    html = face.client.get("/v1/models")
    assert html.status_code == 502
    assert html.content == page
    assert html.headers["content-type"] == "text/html"
    assert html.headers["server"] == "proxy"
    empty = face.client.get("/v1/models")
    assert empty.status_code == 503
    assert empty.content == b""
    assert "content-type" not in empty.headers
    assert empty.headers["content-length"] == "0"
    assert empty.headers["request-id"].startswith("req_")
    not_json = face.client.get("/v1/models")
    assert not_json.status_code == 200
    assert not_json.content == b"not json"
    assert face.client.get("/v1/models").status_code == 200  # the queue is empty


def test_truncated_json_is_a_complete_message_with_half_a_body(face: Face) -> None:
    full = face.client.get("/v1/models").content
    face.fake.inject(Fault.truncated_json())
    response = face.client.get("/v1/models")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["content-length"] == str(len(response.content))
    assert response.content == full[: len(full) // 2]
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_truncated_json_applies_to_an_error_too(face: Face) -> None:
    face.fake.inject(Fault.truncated_json())
    response = face.client.get("/v1/models/claude-nope")
    assert response.status_code == 404
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_extra_fields_are_added_to_the_page_and_every_model(face: Face) -> None:
    extra = {"future_field": {"nested": [1, 2]}, "max_tokens": 64000}
    fault = Fault.extra_fields(extra)
    extra["future_field"] = "mutated after the fault was built"  # no effect
    face.fake.inject(fault, fault, fault)
    page = face.client.get("/v1/models", params={"limit": 3}).json()
    assert page["future_field"] == {"nested": [1, 2]}
    assert page["max_tokens"] == 64000
    assert len(page["data"]) == 3
    for model, original in zip(page["data"], face.fake.models[:3], strict=True):
        assert model == {
            **original,
            "future_field": {"nested": [1, 2]},
            "max_tokens": 64000,
        }
    assert page["first_id"] == face.fake.model_ids[0]

    model = face.client.get("/v1/models/claude-sonnet-4-5").json()
    assert model["id"] == "claude-sonnet-4-5-20250929"
    assert model["future_field"] == {"nested": [1, 2]}

    error = face.client.get("/v1/models/claude-nope")
    assert error.status_code == 404
    assert error.json()["future_field"] == {"nested": [1, 2]}
    assert error_of(error)[0] == "not_found_error"


def test_faults_are_taken_first_in_first_out_and_none_serves_normally(
    face: Face,
) -> None:
    face.fake.inject(Fault.error(500), None, Fault.overloaded())
    face.fake.inject(Fault.error(429))
    assert face.fake.pending_faults == 4
    statuses = [face.client.get("/v1/models").status_code for _ in range(5)]
    assert statuses == [500, 200, 529, 429, 200]
    assert face.fake.pending_faults == 0


def test_a_fault_is_taken_even_by_a_request_the_api_would_reject(face: Face) -> None:
    face.fake.inject(Fault.error(503), Fault.extra_fields({"x": 1}))
    assert (
        face.client.get("/v1/models", headers={"x-api-key": "wrong"}).status_code == 503
    )
    rejected = face.client.get("/v1/models", headers={"x-api-key": "wrong"})
    assert rejected.status_code == 401
    assert rejected.json()["x"] == 1


def test_the_fault_hook_is_consulted_when_the_queue_is_empty(face: Face) -> None:
    seen: list[RecordedRequest] = []

    def flaky(seed: int) -> list[int]:
        rng = random.Random(seed)

        def hook(request: RecordedRequest) -> Fault | None:
            seen.append(request)
            return Fault.error(500) if rng.random() < 0.5 else None

        face.fake.fault_hook = hook
        return [face.client.get("/v1/models").status_code for _ in range(20)]

    first = flaky(7)
    assert set(first) == {200, 500}  # both outcomes happen with this seed
    assert flaky(7) == first  # seeded: the same run twice
    assert len(seen) == 40
    assert seen[0].path == "/v1/models"

    # A queued entry, even None, is taken before the hook is asked.
    seen.clear()

    def teapot(request: RecordedRequest) -> Fault:
        seen.append(request)
        return Fault.error(418)

    face.fake.fault_hook = teapot
    face.fake.inject(Fault.error(402), None)
    statuses = [face.client.get("/v1/models").status_code for _ in range(3)]
    assert statuses == [402, 200, 418]
    assert len(seen) == 1
    face.fake.fault_hook = None
    assert face.client.get("/v1/models").status_code == 200


def test_a_fault_hook_must_return_a_fault_or_none() -> None:
    fake = FakeModelsAPI()
    fake.fault_hook = lambda request: "500"  # type: ignore[assignment,return-value]
    with (
        httpx.Client(transport=fake.transport(), base_url=TRANSPORT_BASE_URL) as client,
        pytest.raises(TypeError, match="fault_hook returned '500'"),
    ):
        client.get("/v1/models")


def test_fault_constructors_validate_their_arguments() -> None:
    with pytest.raises(ValueError):
        Fault.error(200)
    with pytest.raises(ValueError):
        Fault.error(600)
    with pytest.raises(ValueError):
        Fault.delay(-1)
    with pytest.raises(ValueError):
        Fault.delay(float("nan"))
    with pytest.raises(ValueError):
        Fault.raw(204, b"body")
    with pytest.raises(ValueError):
        Fault.raw(99, b"")
    with pytest.raises(TypeError):
        Fault.raw(502, "text")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Fault.error(429, headers={"retry-after": "1\r\nx-injected: 1"})
    with pytest.raises(ValueError):
        Fault.error(429, headers={"bad name": "1"})
    with pytest.raises(TypeError):
        Fault.extra_fields({"x": object()})
    with pytest.raises(TypeError):
        FakeModelsAPI().inject("not a fault")  # type: ignore[arg-type]


def test_faults_are_immutable_and_reusable() -> None:
    fault = Fault.error(429, headers={"retry-after": "1"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        fault.status = 500  # type: ignore[misc]
    assert fault == Fault.error(429, headers={"retry-after": "1"})
    assert len({fault, Fault.error(429, headers={"retry-after": "1"})}) == 1
    fields = Fault.extra_fields({"a": [1]})
    fields.fields["a"].append(2)
    assert fields.fields == {"a": [1]}


def test_every_fault_through_the_async_transport() -> None:
    fake = FakeModelsAPI()

    async def scenario() -> None:
        async with httpx.AsyncClient(
            transport=fake.transport(), base_url=TRANSPORT_BASE_URL, headers=HEADERS
        ) as client:
            fake.inject(Fault.error(429, headers={"retry-after": "3"}))
            response = await client.get("/v1/models")
            assert response.status_code == 429
            assert response.headers["retry-after"] == "3"
            assert error_of(response)[0] == "rate_limit_error"

            fake.inject(Fault.overloaded())
            assert (await client.get("/v1/models")).status_code == 529

            # A delay sleeps with asyncio.sleep: two delayed requests overlap.
            fake.inject(Fault.delay(0.2), Fault.delay(0.2))
            started = time.perf_counter()
            both = await asyncio.gather(
                client.get("/v1/models"), client.get("/v1/models/claude-opus-4-1")
            )
            assert [r.status_code for r in both] == [200, 200]
            assert 0.2 <= time.perf_counter() - started < 0.38

            fake.inject(Fault.drop_connection())
            with pytest.raises(httpx.RemoteProtocolError):
                await client.get("/v1/models")

            fake.inject(Fault.cut_body())
            with pytest.raises(httpx.RemoteProtocolError):
                await client.get("/v1/models")

            fake.inject(Fault.raw(502, b"<html>Bad Gateway</html>"))
            response = await client.get("/v1/models")
            assert (response.status_code, response.text) == (
                502,
                "<html>Bad Gateway</html>",
            )

            fake.inject(Fault.truncated_json())
            response = await client.get("/v1/models")
            with pytest.raises(json.JSONDecodeError):
                response.json()

            fake.inject(Fault.extra_fields({"z": True}))
            response = await client.get("/v1/models/claude-opus-4-1")
            assert response.json()["z"] is True

            response = await client.get("/v1/models")
            assert len(response.json()["data"]) == NORMAL_LIST_LENGTH

    asyncio.run(scenario())
    assert len(fake.requests) == 10


def test_an_async_client_over_http() -> None:
    fake = FakeModelsAPI()

    async def scenario(base_url: str) -> None:
        async with httpx.AsyncClient(
            base_url=base_url, headers=HEADERS, verify=NO_TLS, timeout=5
        ) as client:
            pages = await asyncio.gather(
                *(client.get("/v1/models", params={"limit": n}) for n in range(1, 6))
            )
            assert [len(p.json()["data"]) for p in pages] == [1, 2, 3, 4, 5]
            fake.inject(Fault.drop_connection())
            with pytest.raises(httpx.TransportError):
                await client.get("/v1/models")
            fake.inject(Fault.cut_body())
            with pytest.raises(httpx.TransportError):
                await client.get("/v1/models")
            assert (await client.get("/v1/models/claude-sonnet-4-5")).status_code == 200

    with fake.serve() as server:
        asyncio.run(scenario(server.base_url))
        assert server.wait_for_idle(5)
    assert len(fake.requests) == 8


def test_both_faces_give_the_same_answer() -> None:
    bodies = []
    for kind in ["transport", "http"]:
        with open_face(FakeModelsAPI(), kind) as face:
            bodies.append(face.client.get("/v1/models").json())
    assert bodies[0] == bodies[1]
    assert len(bodies[0]["data"]) == NORMAL_LIST_LENGTH
