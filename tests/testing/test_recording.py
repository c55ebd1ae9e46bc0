"""fake.requests: what arrived, as it arrived."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from anthropic_models.testing import FakeModelsAPI, RecordedRequest

from .helpers import API_KEY, VERSION, Face, http_client


def test_method_raw_path_query_and_headers_are_recorded(face: Face) -> None:
    face.client.get(
        "/v1/models/claude%2Fsonnet%204",
        headers=[
            ("X-Custom-Header", "Value With Case"),
            ("anthropic-beta", "files-api-2025-04-14"),
            ("anthropic-beta", "context-1m-2025-08-07"),
        ],
    )
    face.client.get(
        "/v1/models?after_id=claude%2Dx&limit=5&after_id=a%20b&limit=&empty"
    )
    face.client.post("/v1/models", content=b"{}")
    first, second, third = face.fake.requests

    assert first.method == "GET"
    assert first.path == "/v1/models/claude%2Fsonnet%204"  # still percent-encoded
    assert first.query == []
    assert first.headers["x-api-key"] == API_KEY
    assert first.headers["anthropic-version"] == VERSION
    assert first.headers["x-custom-header"] == "Value With Case"
    assert all(name == name.lower() for name in first.headers)
    # Sent twice, recorded as the comma-joined list the API reads.
    assert first.headers["anthropic-beta"] == (
        "files-api-2025-04-14,context-1m-2025-08-07"
    )

    assert second.path == "/v1/models"
    assert second.query == [
        ("after_id", "claude-x"),
        ("limit", "5"),
        ("after_id", "a b"),
        ("limit", ""),
        ("empty", ""),
    ]
    assert third.method == "POST"
    assert third.path == "/v1/models"


def test_recorded_requests_are_frozen_snapshots_in_arrival_order(face: Face) -> None:
    for n in range(1, 6):
        face.client.get("/v1/models", params={"limit": n})
    requests = face.fake.requests
    assert [r.query for r in requests] == [[("limit", str(n))] for n in range(1, 6)]
    assert all(isinstance(r, RecordedRequest) for r in requests)
    with pytest.raises(dataclasses.FrozenInstanceError):
        requests[0].method = "POST"  # type: ignore[misc]
    # A snapshot: later requests do not appear in it, and clearing it is local.
    face.client.get("/v1/models")
    assert len(requests) == 5
    assert len(face.fake.requests) == 6
    requests.clear()
    assert len(face.fake.requests) == 6
    face.fake.clear_requests()
    assert face.fake.requests == []


def test_rejected_and_faulted_requests_are_recorded_too(face: Face) -> None:
    face.client.get("/nowhere", headers={"x-api-key": "wrong"})
    face.client.get("/v1/models?limit=0")
    assert [(r.path, r.query) for r in face.fake.requests] == [
        ("/nowhere", []),
        ("/v1/models", [("limit", "0")]),
    ]
    assert face.fake.requests[0].headers["x-api-key"] == "wrong"


def test_concurrent_requests_are_all_recorded() -> None:
    fake = FakeModelsAPI()
    threads_count, per_thread = 8, 25
    errors: list[BaseException] = []
    # Every worker holds its connection open at the barrier: all are concurrent.
    barrier = threading.Barrier(threads_count)

    with fake.serve() as server:

        def worker(index: int) -> None:
            try:
                with http_client(server) as client:
                    for n in range(per_thread):
                        response = client.get(f"/v1/models/claude-sonnet-4-5?t={index}")
                        assert response.status_code == 400  # unknown parameter t
                        if n == 0:
                            barrier.wait(timeout=5)
            except BaseException as exc:  # reported by the main thread
                errors.append(exc)

        threads = [
            threading.Thread(target=worker, args=(i,)) for i in range(threads_count)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
        assert not any(thread.is_alive() for thread in threads)
        assert server.max_concurrent_connections == threads_count
        assert server.connections_opened == threads_count
    assert errors == []
    requests = fake.requests
    assert len(requests) == threads_count * per_thread
    by_thread = [r.query[0][1] for r in requests]
    for index in range(threads_count):
        assert by_thread.count(str(index)) == per_thread
