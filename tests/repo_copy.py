"""Copies of the repository (or parts of it) under a temporary directory, for tests
that run a repository script (`make check`'s steps, `make generate`, `make lint`'s)
on a deliberately changed input: the working tree is never touched. The pinned
tools come from the repository's .venv, linked into the copy."""

from __future__ import annotations

import copy
import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]

# What scripts/generate.sh and scripts/check.sh read.
CHECK_INPUTS = (
    "openapi.yaml",
    "redocly.yaml",
    ".redocly.lint-ignore.yaml",
    "generator-config.yaml",
    "pyproject.toml",
    "scripts",
    "generated_client",
    "anthropic_models",
    "api",
    "tests/contract/spec_models.py",
)


def copy_repo(root: Path, names: Iterable[str] = CHECK_INPUTS) -> Path:
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
    root: Path, script: str, *args: str, timeout: float = 90
) -> subprocess.CompletedProcess[str]:
    """Run `script` (relative to `root`: a .sh with bash, a .py with the venv's
    Python) with `args`; stdout and stderr together."""
    path = root / script
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
        timeout=timeout,
        check=False,
    )


def load_script(name: str) -> ModuleType:
    """The repository's ``scripts/<name>.py`` imported as module ``name`` (the
    scripts are no package), for tests of its functions."""
    spec = importlib.util.spec_from_file_location(
        name, REPO_ROOT / "scripts" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


# A change of a spec, made in place on its parsed document.
SpecEdit = Callable[[dict[str, Any]], None]


def dump_spec(spec: dict[str, Any]) -> str:
    """An OpenAPI document as the YAML text that :func:`edit_spec` writes: keys
    in the document's order, non-ASCII text as it is. A spec loaded and dumped
    so generates exactly what openapi.yaml does (tests/contract/test_spec_edits.py
    proves it); only the comments are gone."""
    return yaml.safe_dump(spec, sort_keys=False, allow_unicode=True)


def edit_spec(root: Path, edit: SpecEdit) -> dict[str, Any]:
    """Change the copy's openapi.yaml structurally: load it, let ``edit`` change
    the node it means in place, write it back; return the edited document.

    Tests change the spec this way, never by matching its text, so that an edit
    a maintainer makes elsewhere (a property appended where the README advises,
    keys reordered, a comment added) cannot break them: only the removal of the
    very node a test changes can, and then with a KeyError naming it. The copy
    loses its comments, which nothing reads."""
    path = root / "openapi.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(spec, dict), f"{path} is not a mapping"
    before = copy.deepcopy(spec)
    edit(spec)
    assert spec != before, f"{getattr(edit, '__name__', edit)} changed nothing"
    path.write_text(dump_spec(spec), encoding="utf-8")
    return spec
