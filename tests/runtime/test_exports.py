"""The public surface: every exported name exists, and the package is typed."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import anthropic_models
from anthropic_models import errors


def test_every_name_in_all_exists() -> None:
    assert anthropic_models.__all__
    assert len(set(anthropic_models.__all__)) == len(anthropic_models.__all__)
    missing = [n for n in anthropic_models.__all__ if not hasattr(anthropic_models, n)]
    assert missing == []


def test_every_exception_is_exported_at_the_top_level() -> None:
    for name in errors.__all__:
        assert name in anthropic_models.__all__
        assert getattr(anthropic_models, name) is getattr(errors, name)


def test_package_is_marked_as_typed() -> None:
    package = Path(anthropic_models.__file__).parent
    assert (package / "py.typed").is_file()


def test_version_matches_the_installed_distribution() -> None:
    assert anthropic_models.__version__ == importlib.metadata.version(
        "anthropic-models"
    )
