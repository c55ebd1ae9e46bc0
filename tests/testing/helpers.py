"""Shared helpers for the fake's tests: reaching a fake through either face."""

from __future__ import annotations

import contextlib
import copy
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from anthropic_models.testing import FakeModelsAPI, FakeServer

API_KEY = "test-api-key"
AUTH_TOKEN = "test-auth-token"
VERSION = "2023-06-01"
HEADERS = {"x-api-key": API_KEY, "anthropic-version": VERSION}
# What a transport-face client pretends to talk to; nothing is ever sent there.
TRANSPORT_BASE_URL = "https://api.anthropic.com"
# Generous for a local server, small enough that a hang fails fast.
TIMEOUT = httpx.Timeout(5.0)
# Every httpx.Client otherwise loads the CA bundle (~0.1 s) for TLS it never uses
# against http://127.0.0.1.
NO_TLS = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def http_client(server: FakeServer, **kwargs: Any) -> httpx.Client:
    """A sync client for a served fake, with the API headers."""
    kwargs.setdefault("headers", HEADERS)
    kwargs.setdefault("timeout", TIMEOUT)
    return httpx.Client(base_url=server.base_url, verify=NO_TLS, **kwargs)


@dataclass
class Face:
    """A fake and a sync client reaching it through one face."""

    kind: str  # "transport" or "http"
    fake: FakeModelsAPI
    client: httpx.Client
    server: FakeServer | None


@contextlib.contextmanager
def open_face(fake: FakeModelsAPI, kind: str) -> Iterator[Face]:
    if kind == "transport":
        with httpx.Client(
            transport=fake.transport(), base_url=TRANSPORT_BASE_URL, headers=HEADERS
        ) as client:
            yield Face(kind, fake, client, None)
    elif kind == "http":
        with fake.serve() as server, http_client(server) as client:
            yield Face(kind, fake, client, server)
    else:  # pragma: no cover - a typo in a test
        raise ValueError(kind)


def list_page(client: httpx.Client, **params: Any) -> dict[str, Any]:
    response = client.get("/v1/models", params=params)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def error_of(response: httpx.Response) -> tuple[str, str]:
    """(error.type, error.message) of an API error response, after checking the
    shape every error shares: JSON, request_id equal to the request-id header."""
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["type"] == "error"
    assert body["request_id"] == response.headers["request-id"]
    assert body["request_id"].startswith("req_")
    return body["error"]["type"], body["error"]["message"]


def plain_view(model: dict[str, Any]) -> dict[str, Any]:
    """A model as the plain (non-beta) operations serve it: without the beta
    view's `allowed_fallback_models` and `capabilities.compaction` (written out
    here, from api-facts.md, rather than taken from the fake or the spec)."""
    plain = copy.deepcopy(model)
    plain.pop("allowed_fallback_models", None)
    if isinstance(plain.get("capabilities"), dict):
        plain["capabilities"].pop("compaction", None)
    return plain
