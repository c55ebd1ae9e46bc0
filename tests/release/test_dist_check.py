"""The content checks of `make dist` (scripts/dist_check.py) catch junk in the
sdist and a wheel that differs from the tree's, on small archives made here.
`make dist` itself runs in `make test` (a Makefile dependency)."""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from ..repo_copy import load_script

dist_check = load_script("dist_check")

SDIST_FILES = ("pyproject.toml", "README.md", "CHANGELOG.md", "openapi.yaml")


def make_sdist(path: Path, names: tuple[str, ...]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name in names:
            data = name.encode()
            info = tarfile.TarInfo(f"pkg-0.1.0/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def make_wheel(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as wheel:
        for name, text in files.items():
            wheel.writestr(name, text)
    return path


WHEEL = {
    "anthropic_models/__init__.py": "x = 1\n",
    "pkg-0.1.0.dist-info/RECORD": "one\n",
}


def test_a_clean_sdist_and_equal_wheels_pass(tmp_path: Path) -> None:
    sdist = make_sdist(tmp_path / "s.tar.gz", (*SDIST_FILES, "anthropic_models/a.py"))
    wheel = make_wheel(tmp_path / "a.whl", WHEEL)
    # RECORD differs only in how it was written: not compared.
    direct = make_wheel(
        tmp_path / "b.whl", {**WHEEL, "pkg-0.1.0.dist-info/RECORD": "two\n"}
    )
    assert dist_check.contents(sdist, wheel, direct) == []


@pytest.mark.parametrize(
    "junk",
    [
        ".venv/bin/python",
        "anthropic_models/__pycache__/a.cpython-311.pyc",
        ".mypy_cache/x.json",
        "benchmarks/results/run.json",
    ],
)
def test_junk_in_the_sdist_is_named(tmp_path: Path, junk: str) -> None:
    sdist = make_sdist(tmp_path / "s.tar.gz", (*SDIST_FILES, junk))
    wheel = make_wheel(tmp_path / "a.whl", WHEEL)
    problems = dist_check.contents(sdist, wheel, wheel)
    assert problems == [f"the sdist ships junk: pkg-0.1.0/{junk}"]


def test_a_missing_changelog_is_named(tmp_path: Path) -> None:
    sdist = make_sdist(
        tmp_path / "s.tar.gz", ("pyproject.toml", "README.md", "openapi.yaml")
    )
    wheel = make_wheel(tmp_path / "a.whl", WHEEL)
    assert dist_check.contents(sdist, wheel, wheel) == ["the sdist lacks CHANGELOG.md"]


def test_wheels_that_differ_are_named_file_by_file(tmp_path: Path) -> None:
    sdist = make_sdist(tmp_path / "s.tar.gz", SDIST_FILES)
    from_sdist = make_wheel(tmp_path / "a.whl", WHEEL)
    from_tree = make_wheel(
        tmp_path / "b.whl",
        {**WHEEL, "anthropic_models/__init__.py": "x = 2\n", "extra.py": ""},
    )
    assert dist_check.contents(sdist, from_sdist, from_tree) == [
        "anthropic_models/__init__.py: differs between the two wheels",
        "extra.py: only in the wheel built from the tree",
    ]
