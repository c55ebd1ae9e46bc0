"""scripts/check.sh (`make check`) passes on an untouched copy of the repository and
fails, printing the diff, when generated code or the spec was changed alone.

Every run happens in a copy under a temporary directory: the working tree is
never touched."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .spec_contract import REPO_ROOT

# What scripts/check.sh reads (the pinned tools come from the symlinked .venv).
COPIED = (
    "openapi.yaml",
    "generator-config.yaml",
    "pyproject.toml",
    "scripts",
    "generated_client",
    "tests/contract/spec_models.py",
    "anthropic_models/_parsers.py",
    "anthropic_models/_validation.py",
)


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for name in COPIED:
        source = REPO_ROOT / name
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(
                source,
                target,
                ignore=shutil.ignore_patterns("__pycache__", ".ruff_cache"),
            )
        else:
            shutil.copy2(source, target)
    (root / ".venv").symlink_to(REPO_ROOT / ".venv", target_is_directory=True)
    return root


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(root / "scripts" / "check.sh")],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=90,
        check=False,
    )


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
    assert text.count(old) == 1
    edited.write_text(text.replace(old, "pass  # hand edit"), encoding="utf-8")
    result = run_check(repo_copy)
    assert result.returncode != 0, result.stdout
    assert "_parsers.py" in result.stdout
    assert "+        pass  # hand edit" not in result.stdout
    assert "-        pass  # hand edit" in result.stdout
    assert "differs from a fresh generation" in result.stdout


def test_check_fails_with_a_diff_after_a_spec_change_without_regeneration(
    repo_copy: Path,
) -> None:
    spec = repo_copy / "openapi.yaml"
    text = spec.read_text(encoding="utf-8")
    old = "description: Unique model identifier."
    assert text.count(old) == 1
    spec.write_text(
        text.replace(old, "description: Unique model identifier, or alias."),
        encoding="utf-8",
    )
    result = run_check(repo_copy)
    assert result.returncode != 0, result.stdout
    assert "+    Unique model identifier, or alias." in result.stdout
    assert '-    """ Unique model identifier. """' in result.stdout
    assert "differs from a fresh generation" in result.stdout
