"""scripts/lint-workflows.sh (part of `make lint`) passes the committed CI workflow
and fails on a broken one, naming the line and the rule. Every run lints a copy
under a temporary directory, never the working tree."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from .repo_copy import REPO_ROOT, copy_repo, run_script

WORKFLOW = ".github/workflows/ci.yml"
LINT_INPUTS = (WORKFLOW, ".github/jactionlint.yaml", "scripts/lint-workflows.sh")


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    return run_script(root, "scripts/lint-workflows.sh", timeout=60)


def test_the_committed_workflow_lints_clean(tmp_path: Path) -> None:
    result = lint(copy_repo(tmp_path, LINT_INPUTS))
    assert result.returncode == 0, result.stdout
    # No finding: the script's closing line is all it prints.
    (line,) = result.stdout.splitlines()
    assert line.startswith("make lint: the CI workflows lint clean")


@pytest.mark.parametrize(
    ("old", "new", "finding"),
    [
        # A typo in an expression: the matrix has no `pyhton`.
        (
            "python-version: ${{ matrix.python }}",
            "python-version: ${{ matrix.pyhton }}",
            'property "pyhton" is not defined in object type {python: string} '
            "[undefined-property]",
        ),
        # A job with nowhere to run.
        (
            "    runs-on: ubuntu-24.04\n",
            "",
            '"runs-on" section is missing in job "test" [workflow-syntax]',
        ),
        # A third-party action by tag: only GitHub's own may be (jactionlint.yaml).
        (
            "uses: actions/cache@v5",
            "uses: someone/cache@v5",
            'action "someone/cache@v5" must be pinned to a full-length commit SHA',
        ),
    ],
)
def test_a_broken_workflow_fails_the_lint_naming_line_and_rule(
    tmp_path: Path, old: str, new: str, finding: str
) -> None:
    root = copy_repo(tmp_path, LINT_INPUTS)
    path = root / WORKFLOW
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    result = lint(root)
    assert result.returncode != 0, result.stdout
    assert finding in result.stdout
    assert f"{WORKFLOW}:" in result.stdout
    assert "lint clean" not in result.stdout


def test_the_workflow_runs_the_ci_entry_point_and_dist_from_the_oldest_python() -> None:
    workflow = yaml.safe_load((REPO_ROOT / WORKFLOW).read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    assert [step["run"] for step in job["steps"] if "run" in step] == [
        ".ci/run",
        "make dist",
    ]
    with (REPO_ROOT / "pyproject.toml").open("rb") as handle:
        requires_python = tomllib.load(handle)["project"]["requires-python"]
    pythons = job["strategy"]["matrix"]["python"]
    assert requires_python == f">={pythons[0]}"
    assert len(pythons) >= 2
