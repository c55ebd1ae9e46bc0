"""Fixtures of the audit tests: the fixture tree (``tree.py``), in a git work
tree and outside one, and snapshots of catalogues."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from anthropic_models.testing import DEFAULT_MODELS

# The command line's fixtures: the default fake accepting the tests' SECRET,
# served on 127.0.0.1, and a URL where nothing listens.
from ..cli.conftest import dead_url, fake, server
from .tree import write_tree

__all__ = ["dead_url", "fake", "server"]

Snapshot = Callable[[Iterable[Mapping[str, Any]]], Path]


@pytest.fixture
def git_tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "project", git=True)


@pytest.fixture
def plain_tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "plain", git=False)


@pytest.fixture
def snapshot(tmp_path: Path) -> Snapshot:
    """Write models as a snapshot file (a JSON array of the API's objects, as
    `anthropic-models list --json` writes) and return its path."""
    count = 0

    def write(models: Iterable[Mapping[str, Any]]) -> Path:
        nonlocal count
        count += 1
        path = tmp_path / f"catalogue-{count}.json"
        path.write_text(json.dumps(list(models)), encoding="utf-8")
        return path

    return write


@pytest.fixture
def default_snapshot(snapshot: Snapshot) -> Path:
    """The fake's default catalogue, every stage, as a snapshot."""
    return snapshot(DEFAULT_MODELS)
