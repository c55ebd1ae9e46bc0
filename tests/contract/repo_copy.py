"""A copy of the repository under a temporary directory, for tests that run
`make check`'s scripts on a changed spec, report or version: the working tree is
never touched. The pinned tools come from the symlinked .venv."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .spec_contract import REPO_ROOT

# What scripts/generate.sh and scripts/check.sh read.
COPIED = (
    "openapi.yaml",
    "generator-config.yaml",
    "pyproject.toml",
    "scripts",
    "generated_client",
    "anthropic_models",
    "api",
    "tests/contract/spec_models.py",
)


def copy_repository(tmp_path: Path) -> Path:
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


def run_script(root: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run one of the copy's scripts (a .sh with bash, a .py with the venv's
    Python), its stderr merged into stdout."""
    path = root / "scripts" / script
    command = (
        ["bash", str(path)]
        if script.endswith(".sh")
        else [str(root / ".venv" / "bin" / "python"), str(path)]
    )
    return subprocess.run(
        [*command, *args],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=90,
        check=False,
    )
