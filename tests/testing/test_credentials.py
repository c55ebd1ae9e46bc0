"""Bearer auth beside x-api-key, and the anthropic-workspace-id header.
(Refused credentials: test_api.py::test_a_missing_or_wrong_key_is_a_401.)"""

from __future__ import annotations

import pytest

from anthropic_models.testing import FakeModelsAPI

from .helpers import API_KEY, AUTH_TOKEN, Face, error_of, open_face

PATHS = ["/v1/models", "/v1/models/claude-sonnet-4-5"]


def _without_key(face: Face, path: str, headers: dict[str, str]) -> int:
    request = face.client.build_request("GET", path)
    del request.headers["x-api-key"]
    request.headers.update(headers)
    status: int = face.client.send(request).status_code
    return status


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])
def test_a_bearer_token_is_accepted_instead_of_the_key(
    face: Face, path: str, scheme: str
) -> None:
    # The scheme's name is case-insensitive (RFC 9110), the token is not.
    headers = {"authorization": f"{scheme} {AUTH_TOKEN}"}
    assert _without_key(face, path, headers) == 200
    recorded = face.fake.requests[-1]
    assert recorded.headers["authorization"] == f"{scheme} {AUTH_TOKEN}"
    assert "x-api-key" not in recorded.headers


def test_a_fake_accepts_only_its_own_token() -> None:
    fake = FakeModelsAPI(auth_token="sk-ant-oat-other")
    assert fake.auth_token == "sk-ant-oat-other"
    with open_face(fake, "transport") as face:
        good = {"authorization": "Bearer sk-ant-oat-other"}
        assert _without_key(face, "/v1/models", good) == 200
        default = {"authorization": f"Bearer {AUTH_TOKEN}"}
        assert _without_key(face, "/v1/models", default) == 401
        assert _without_key(face, "/v1/models", {"x-api-key": API_KEY}) == 200


@pytest.mark.parametrize(
    ("api_key", "auth_token", "message"),
    [
        ("same", "same", "must differ"),
        ("", "token", "non-empty"),
        ("key", "", "non-empty"),
    ],
)
def test_credentials_must_be_non_empty_and_distinct(
    api_key: str, auth_token: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        FakeModelsAPI(api_key=api_key, auth_token=auth_token)


def test_error_messages_never_repeat_a_credential(face: Face) -> None:
    for headers in (
        {"x-api-key": "sk-ant-LEAK"},
        {"authorization": "Bearer sk-ant-LEAK"},
        {"x-api-key": API_KEY, "authorization": f"Bearer {AUTH_TOKEN}"},
    ):
        request = face.client.build_request("GET", "/v1/models")
        request.headers.update(headers)
        response = face.client.send(request)
        assert response.status_code == 401
        for secret in ("sk-ant-LEAK", API_KEY, AUTH_TOKEN):
            assert secret not in response.text


@pytest.mark.parametrize("path", PATHS)
def test_a_workspace_id_is_accepted_and_recorded(face: Face, path: str) -> None:
    workspace = "wrkspc_011CZkZaBF1tNoB5wlCeusgy"
    response = face.client.get(path, headers={"anthropic-workspace-id": workspace})
    assert response.status_code == 200
    assert face.fake.requests[-1].headers["anthropic-workspace-id"] == workspace
    # Optional: without it the same request is answered the same way.
    assert face.client.get(path).content == response.content


@pytest.mark.parametrize("values", [[""], ["wrkspc_a", "wrkspc_b"]])
def test_an_empty_or_repeated_workspace_id_is_a_400(
    face: Face, values: list[str]
) -> None:
    headers = [("anthropic-workspace-id", value) for value in values]
    response = face.client.get("/v1/models", headers=headers)
    assert response.status_code == 400
    error_type, message = error_of(response)
    assert error_type == "invalid_request_error"
    assert message.startswith("anthropic-workspace-id:")
