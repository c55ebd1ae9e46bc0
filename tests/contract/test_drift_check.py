"""scripts/check.sh (`make check`) passes on an untouched copy of the repository and
fails, printing the diff, when generated code or the spec was changed alone.

Every run happens in a copy under a temporary directory: the working tree is
never touched."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from ..repo_copy import copy_repo, edit_spec, run_script


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo")


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    return run_script(root, "scripts/check.sh")


def test_check_passes_on_an_untouched_copy(repo_copy: Path) -> None:
    result = run_check(repo_copy)
    assert result.returncode == 0, result.stdout
    assert "generated code matches openapi.yaml" in result.stdout


def test_check_fails_with_a_diff_after_a_hand_edit_of_generated_code(
    repo_copy: Path,
) -> None:
    edited = repo_copy / "generated_client" / "models" / "model_info.py"
    with edited.open("a", encoding="utf-8") as handle:
        handle.write("HAND_EDIT = 1\n")
    result = run_check(repo_copy)
    assert result.returncode != 0, result.stdout
    assert "model_info.py" in result.stdout
    assert "-HAND_EDIT = 1" in result.stdout
    assert "differs from a fresh generation" in result.stdout


def test_check_fails_with_a_diff_after_a_hand_edit_of_the_parsers(
    repo_copy: Path,
) -> None:
    edited = repo_copy / "anthropic_models" / "_parsers.py"
    text = edited.read_text(encoding="utf-8")
    old = 'raise mismatch("a boolean", has_more, "has_more")'
    assert text.count(old) >= 1  # the plain and the beta page's parsers
    edited.write_text(text.replace(old, "pass  # hand edit", 1), encoding="utf-8")
    result = run_check(repo_copy)
    assert result.returncode != 0, result.stdout
    assert "_parsers.py" in result.stdout
    assert "+        pass  # hand edit" not in result.stdout
    assert "-        pass  # hand edit" in result.stdout
    assert "differs from a fresh generation" in result.stdout


def describe_model_id_anew(spec: dict[str, Any]) -> None:
    model_id = spec["components"]["schemas"]["ModelInfo"]["properties"]["id"]
    assert model_id["description"] == "Unique model identifier."
    model_id["description"] = "Unique model identifier, or alias."


def test_check_fails_with_a_diff_after_a_spec_change_without_regeneration(
    repo_copy: Path,
) -> None:
    edit_spec(repo_copy, describe_model_id_anew)
    result = run_check(repo_copy)
    assert result.returncode != 0, result.stdout
    assert "+    Unique model identifier, or alias." in result.stdout
    assert '-    """ Unique model identifier. """' in result.stdout
    assert "differs from a fresh generation" in result.stdout
