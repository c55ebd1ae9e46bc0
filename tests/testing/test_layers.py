"""The fake's layers: one core, two faces that know only the interface in `_wire`.

The faces must work with any `Responder`, not only with the core, and the core
must not import them back.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import httpx
import pytest

import anthropic_models.testing as testing
from anthropic_models.testing import FakeServer, FakeTransport
from anthropic_models.testing._wire import Outcome, Response

from .helpers import NO_TLS, TIMEOUT

PACKAGE = Path(testing.__file__).parent


def _imports(module: str) -> set[tuple[str, str]]:
    """(module, name) for every `from .module import name` of the package's
    `module`."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text())
    found: set[tuple[str, str]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found.update((node.module or "", alias.name) for alias in node.names)
    return found


@pytest.mark.parametrize("module", ["_core", "_wire"])
def test_the_core_imports_no_face(module: str) -> None:
    imported = {name for name, _ in _imports(module)}
    assert imported.isdisjoint({"_server", "_transport", "_fake"}), imported


@pytest.mark.parametrize("face", ["_server", "_transport"])
def test_a_face_reaches_the_core_only_through_the_interface(face: str) -> None:
    imports = _imports(face)
    assert {module for module, _ in imports} == {"_wire"}
    assert not [name for _, name in imports if name.startswith("_")]


class _Teapot:
    """The smallest Responder: every request gets a 418, with its target echoed;
    what a face could not read gets the status it asks for."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, dict[str, str]]] = []

    def respond(
        self, method: str, target: str, headers: Iterable[tuple[str, str]]
    ) -> Outcome:
        self.seen.append((method, target, dict(headers)))
        body = target.encode()
        return Outcome(
            Response(418, [("content-length", str(len(body)))], body), delay=0.0
        )

    def reject(self, status: int, message: str) -> Response:
        body = message.encode()
        return Response(status, [("content-length", str(len(body)))], body)


def _ask(client: httpx.Client) -> httpx.Response:
    return client.get("/anything?x=1", headers={"x-probe": "yes"})


def test_both_faces_serve_any_responder() -> None:
    teapot = _Teapot()
    with httpx.Client(
        transport=FakeTransport(teapot), base_url="https://fake.test"
    ) as client:
        in_process = _ask(client)
    with (
        FakeServer(teapot) as server,
        httpx.Client(
            base_url=server.base_url, verify=NO_TLS, timeout=TIMEOUT
        ) as client,
    ):
        served = _ask(client)
    for response in (in_process, served):
        assert response.status_code == 418
        assert response.reason_phrase == "I'm a Teapot"
        assert response.text == "/anything?x=1"
    assert [(method, target) for method, target, _ in teapot.seen] == [
        ("GET", "/anything?x=1"),
        ("GET", "/anything?x=1"),
    ]
    assert all(headers["x-probe"] == "yes" for _, _, headers in teapot.seen)
