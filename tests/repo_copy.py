"""Copies of parts of the repository under a temporary directory, for tests that run
a repository script (`make check`'s steps, `make lint`'s) on a deliberately broken
input: the working tree is never touched."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def copy_repo(root: Path, names: Iterable[str]) -> Path:
    """Copy the files and folders `names` (paths relative to the repository) into
    `root`, and link the repository's .venv there, so a script finds the pinned
    tools where it looks for them."""
    for name in names:
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


def run_script(
    root: Path, script: str, timeout: float
) -> subprocess.CompletedProcess[str]:
    """Run `script` (relative to `root`) with bash; stdout and stderr together."""
    return subprocess.run(
        ["bash", str(root / script)],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
        check=False,
    )
