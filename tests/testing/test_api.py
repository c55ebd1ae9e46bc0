"""The fake answers as the live API does, through both faces (transport, HTTP)."""

from __future__ import annotations

from typing import Any

import pytest

from anthropic_models.testing import FakeModelsAPI, synthetic_models

from .helpers import (
    API_KEY,
    AUTH_TOKEN,
    VERSION,
    Face,
    error_of,
    list_page,
    open_face,
)

PAGE_SIZES = [1, 2, 3, 7, 20, 1000]
# The default catalogue (9 models), and one big enough that every page size,
# 1000 included, needs several pages (and whose size is not a multiple of any).
CATALOGUES = {"default": None, "synthetic-2345": 2345}
FACES = ["transport", "http"]


def _fake(catalogue: str) -> FakeModelsAPI:
    size = CATALOGUES[catalogue]
    return FakeModelsAPI() if size is None else FakeModelsAPI(synthetic_models(size))


def _cases() -> list[Any]:
    cases = []
    for face in FACES:
        for catalogue in CATALOGUES:
            for size in PAGE_SIZES:
                # Page size 1 over 2345 models over HTTP is ~5000 requests: left to
                # the transport face, which goes through the same code.
                if face == "http" and catalogue != "default" and size < 20:
                    continue
                cases.append(pytest.param(face, catalogue, size))
    return cases


def _check_page(page: dict[str, Any], ids: list[str], has_more: bool) -> None:
    assert [m["id"] for m in page["data"]] == ids
    assert page["first_id"] == (ids[0] if ids else None)
    assert page["last_id"] == (ids[-1] if ids else None)
    assert page["has_more"] is has_more


@pytest.mark.parametrize(("kind", "catalogue", "size"), _cases())
def test_paging_forwards_then_backwards_reproduces_the_catalogue(
    kind: str, catalogue: str, size: int
) -> None:
    fake = _fake(catalogue)
    ids = fake.model_ids
    total = len(ids)
    with open_face(fake, kind) as face:
        # Forwards: no cursor, then after_id = last_id until has_more is false.
        forwards: list[str] = []
        page = list_page(face.client, limit=size)
        while True:
            start = len(forwards)
            end = min(start + size, total)
            _check_page(page, ids[start:end], end < total)
            forwards += [m["id"] for m in page["data"]]
            if not page["has_more"]:
                break
            page = list_page(face.client, limit=size, after_id=page["last_id"])
        assert forwards == ids

        # Backwards from the oldest model: before_id = first_id until has_more is
        # false; each page still newest first.
        backwards: list[list[str]] = []
        end = total - 1
        page = list_page(face.client, limit=size, before_id=ids[-1])
        while True:
            start = max(0, end - size)
            _check_page(page, ids[start:end], start > 0)
            backwards.append([m["id"] for m in page["data"]])
            if not page["has_more"]:
                break
            end = start
            page = list_page(face.client, limit=size, before_id=page["first_id"])
        assert [i for p in reversed(backwards) for i in p] + [ids[-1]] == ids


def test_limit_defaults_to_20(face: Face) -> None:
    with open_face(FakeModelsAPI(synthetic_models(45)), face.kind) as big:
        page = list_page(big.client)
        assert len(page["data"]) == 20
        assert page["has_more"] is True
        assert page["last_id"] == "claude-synthetic-000020"
    # The default catalogue (9 models) fits in one default page.
    assert len(list_page(face.client)["data"]) == 9


@pytest.mark.parametrize(
    "params",
    [
        {"after_id": "claude-3-haiku-20240307"},  # after the oldest
        {"before_id": "claude-opus-4-5-20251101"},  # before the newest
        {"after_id": "claude-3-haiku-20240307", "limit": 1000},
    ],
)
def test_a_page_past_either_end_is_empty_with_null_ids(
    face: Face, params: dict[str, Any]
) -> None:
    _check_page(list_page(face.client, **params), [], False)


def test_has_more_is_false_exactly_at_the_end(face: Face) -> None:
    ids = face.fake.model_ids
    _check_page(list_page(face.client, limit=9), ids, False)
    _check_page(list_page(face.client, limit=8), ids[:8], True)
    _check_page(list_page(face.client, before_id=ids[8], limit=8), ids[:8], False)
    _check_page(list_page(face.client, before_id=ids[8], limit=7), ids[1:8], True)
    _check_page(list_page(face.client, after_id=ids[0], limit=8), ids[1:], False)


@pytest.mark.parametrize(
    ("query", "in_message"),
    [
        ("after_id=claude-nope", "after_id"),
        ("before_id=claude-nope", "before_id"),
        ("after_id=", "after_id"),
        # A cursor is a model ID: an alias is not one.
        ("after_id=claude-sonnet-4-5", "after_id"),
        ("limit=0", "greater than or equal to 1"),
        ("limit=-1", "greater than or equal to 1"),
        ("limit=1001", "less than or equal to 1000"),
        ("limit=99999999999999999999", "less than or equal to 1000"),
        ("limit=abc", "valid integer"),
        ("limit=1.5", "valid integer"),
        ("limit=20.0", "valid integer"),
        ("limit=", "valid integer"),
        ("limit=%205", "valid integer"),
        ("limit=+5", "valid integer"),  # "+" is a space in a query string
        (
            "after_id=claude-opus-4-5-20251101&before_id=claude-3-haiku-20240307",
            "after_id and before_id",
        ),
        ("foo=1", "foo"),
        ("Limit=5", "Limit"),
        ("limit=5&limit=6", "more than once"),
        ("limit=5&limit=5", "more than once"),
        (
            "after_id=claude-opus-4-5-20251101&after_id=claude-opus-4-5-20251101",
            "more than once",
        ),
    ],
)
def test_a_bad_list_query_is_a_400(face: Face, query: str, in_message: str) -> None:
    response = face.client.get(f"/v1/models?{query}")
    assert response.status_code == 400
    error_type, message = error_of(response)
    assert error_type == "invalid_request_error"
    assert in_message in message


@pytest.mark.parametrize(
    ("limit", "count"), [("1", 1), ("1000", 9), ("%2B5", 5), ("007", 7)]
)
def test_limit_accepts_integers_in_range(face: Face, limit: str, count: int) -> None:
    response = face.client.get(f"/v1/models?limit={limit}")
    assert response.status_code == 200
    assert len(response.json()["data"]) == count


@pytest.mark.parametrize(
    ("requested", "resolved"),
    [
        ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929"),
        ("claude-sonnet-4-5", "claude-sonnet-4-5-20250929"),
        ("claude-3-7-sonnet-latest", "claude-3-7-sonnet-20250219"),
        ("claude-opus-4-0", "claude-opus-4-20250514"),
        # The path segment is percent-decoded ("%2D" is "-").
        ("claude-haiku-4-5%2D20251001", "claude-haiku-4-5-20251001"),
        ("claude%2Dhaiku%2D4%2D5", "claude-haiku-4-5-20251001"),
    ],
)
def test_get_model_by_id_or_alias(face: Face, requested: str, resolved: str) -> None:
    response = face.client.get(f"/v1/models/{requested}")
    assert response.status_code == 200
    model = response.json()
    assert model["id"] == resolved
    assert model == next(m for m in face.fake.models if m["id"] == resolved)


@pytest.mark.parametrize(
    ("segment", "message"),
    [
        ("claude-nope", "model: claude-nope"),
        ("claude-sonnet-4-5-2025092", "model: claude-sonnet-4-5-2025092"),
        ("CLAUDE-SONNET-4-5", "model: CLAUDE-SONNET-4-5"),  # IDs are case-sensitive
        ("claude%2Fsonnet", "model: claude/sonnet"),  # decoded, then looked up
        ("claude%20sonnet", "model: claude sonnet"),
        ("", "Not Found"),  # /v1/models/ has no model ID
    ],
)
def test_an_unknown_model_is_a_404(face: Face, segment: str, message: str) -> None:
    response = face.client.get(f"/v1/models/{segment}")
    assert response.status_code == 404
    assert error_of(response) == ("not_found_error", message)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/v1",
        "/v1/model",
        "/v2/models",
        "/v1/models/claude-sonnet-4-5/extra",
        "/v1/messages",
        "/V1/MODELS",
    ],
)
def test_any_other_path_is_a_404(face: Face, path: str) -> None:
    response = face.client.get(path)
    assert response.status_code == 404
    assert error_of(response) == ("not_found_error", "Not Found")


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
@pytest.mark.parametrize("path", ["/v1/models", "/v1/models/claude-sonnet-4-5"])
def test_a_method_other_than_get_is_a_405(face: Face, method: str, path: str) -> None:
    response = face.client.request(method, path, content=b'{"x": 1}')
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    error_type, message = error_of(response)
    assert error_type == "invalid_request_error"
    assert method in message


def test_head_is_a_405_without_a_body(face: Face) -> None:
    response = face.client.head("/v1/models")
    assert response.status_code == 405
    assert response.content == b""
    assert int(response.headers["content-length"]) > 0  # what a GET-like body has


def test_the_get_endpoint_takes_no_query_parameter(face: Face) -> None:
    response = face.client.get("/v1/models/claude-sonnet-4-5?limit=5")
    assert response.status_code == 400
    assert error_of(response)[0] == "invalid_request_error"


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "x-api-key or Authorization: Bearer header is required"),
        ({"x-api-key": "wrong"}, "invalid x-api-key"),
        ({"x-api-key": ""}, "invalid x-api-key"),
        ({"x-api-key": API_KEY.upper()}, "invalid x-api-key"),
        ({"x-api-key": AUTH_TOKEN}, "invalid x-api-key"),
        # The key is not a Bearer token, nor the token a key: each has its header.
        ({"authorization": f"Bearer {API_KEY}"}, "invalid bearer token"),
        ({"authorization": "Bearer wrong"}, "invalid bearer token"),
        ({"authorization": f"Bearer  {AUTH_TOKEN}"}, "invalid bearer token"),
        ({"authorization": f"Basic {AUTH_TOKEN}"}, "invalid bearer token"),
        ({"authorization": AUTH_TOKEN}, "invalid bearer token"),
        ({"authorization": ""}, "invalid bearer token"),
        # Two credentials are refused, even two valid ones.
        (
            {"x-api-key": API_KEY, "authorization": f"Bearer {AUTH_TOKEN}"},
            "send either x-api-key or Authorization: Bearer, not both",
        ),
        (
            {"x-api-key": "wrong", "authorization": f"Bearer {API_KEY}"},
            "send either x-api-key or Authorization: Bearer, not both",
        ),
    ],
)
@pytest.mark.parametrize(
    "path",
    [
        "/v1/models",
        "/v1/models/claude-sonnet-4-5",
        # Authentication comes first: before routing and parameter checks.
        "/v1/models/claude-nope",
        "/v1/nowhere",
        "/v1/models?limit=0",
    ],
)
def test_a_missing_or_wrong_key_is_a_401(
    face: Face, headers: dict[str, str], message: str, path: str
) -> None:
    request = face.client.build_request("GET", path)
    # Without anthropic-version either: the key is checked before it.
    del request.headers["x-api-key"]
    del request.headers["anthropic-version"]
    request.headers.update(headers)
    response = face.client.send(request)
    assert response.status_code == 401
    assert error_of(response) == ("authentication_error", message)


def test_a_fake_accepts_only_its_own_key() -> None:
    fake = FakeModelsAPI(api_key="sk-ant-other")
    assert fake.api_key == "sk-ant-other"
    with open_face(fake, "transport") as face:
        assert face.client.get("/v1/models").status_code == 401
        ok = face.client.get("/v1/models", headers={"x-api-key": "sk-ant-other"})
        assert ok.status_code == 200


def test_a_missing_anthropic_version_is_a_400(face: Face) -> None:
    for path in ["/v1/models", "/v1/models/claude-sonnet-4-5"]:
        request = face.client.build_request("GET", path)
        del request.headers["anthropic-version"]
        response = face.client.send(request)
        assert response.status_code == 400
        assert error_of(response) == (
            "invalid_request_error",
            "anthropic-version: header is required",
        )


def test_any_anthropic_version_value_is_accepted(face: Face) -> None:
    # The spec types it as any string; the newest SDK sends a newer date.
    for version in [VERSION, "2026-10-21"]:
        response = face.client.get("/v1/models", headers={"anthropic-version": version})
        assert response.status_code == 200


@pytest.mark.parametrize(
    "betas",
    [
        ["files-api-2025-04-14"],
        ["files-api-2025-04-14,context-1m-2025-08-07"],
        ["some-future-beta-2030-01-01"],  # unknown names are accepted
        # Sent several times: equivalent to the comma-joined list.
        ["files-api-2025-04-14", "context-1m-2025-08-07"],
        ["a,b", "c"],
    ],
)
def test_a_well_formed_anthropic_beta_is_accepted(face: Face, betas: list[str]) -> None:
    headers = [("anthropic-beta", beta) for beta in betas]
    for path in ["/v1/models", "/v1/models/claude-sonnet-4-5"]:
        assert face.client.get(path, headers=headers).status_code == 200


@pytest.mark.parametrize(
    "betas",
    [[""], ["a,,b"], [",a"], ["a,"], ["a, b"], ["a b"], ["a", ""], ["é"]],
)
def test_a_malformed_anthropic_beta_is_a_400(face: Face, betas: list[str]) -> None:
    headers = [(b"anthropic-beta", beta.encode("latin-1")) for beta in betas]
    response = face.client.get("/v1/models", headers=headers)
    assert response.status_code == 400
    error_type, message = error_of(response)
    assert error_type == "invalid_request_error"
    assert message.startswith("anthropic-beta:")


def test_every_response_has_a_unique_request_id_and_a_json_content_type(
    face: Face,
) -> None:
    responses = [
        face.client.get("/v1/models"),
        face.client.get("/v1/models/claude-sonnet-4-5"),
        face.client.get("/v1/models/claude-nope"),
        face.client.get("/v1/models?limit=0"),
        face.client.get("/nowhere"),
        face.client.post("/v1/models"),
        face.client.get("/v1/models", headers={"x-api-key": "wrong"}),
    ]
    ids = [r.headers["request-id"] for r in responses]
    assert all(i.startswith("req_") and len(i) > 12 for i in ids)
    assert len(set(ids)) == len(ids)
    assert {r.headers["content-type"] for r in responses} == {"application/json"}
    for response in responses:
        assert int(response.headers["content-length"]) == len(response.content)
        if response.status_code >= 400:
            error_of(response)  # request_id in the body equals the header
