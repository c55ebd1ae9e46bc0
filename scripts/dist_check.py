"""The checks of `make dist` (scripts/dist.sh) that need Python; standard library
only, so that `smoke` runs in the fresh virtual environment the wheel was
installed into, where nothing else is.

    python scripts/dist_check.py contents SDIST WHEEL DIRECT_WHEEL
        the sdist holds no junk (venvs, caches, bytecode, results) and the wheel
        built from it has the same files, byte for byte, as DIRECT_WHEEL, built
        from the tree (RECORD aside: it lists the same hashes)
    python -I scripts/dist_check.py smoke
        the installed package imports, `anthropic-models --version` prints the
        metadata version, and `get` works against the fake Models API over HTTP
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

# Path components that must never ship in an sdist.
JUNK = frozenset(
    {
        ".venv",
        ".git",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".hypothesis",
        "results",
        "dist",
        "build",
    }
)


def _wheel_files(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as wheel:
        return {
            name: hashlib.sha256(wheel.read(name)).hexdigest()
            for name in wheel.namelist()
            if not name.endswith(".dist-info/RECORD")
        }


def contents(sdist: Path, wheel: Path, direct: Path) -> list[str]:
    problems: list[str] = []
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    for name in names:
        parts = Path(name).parts[1:]  # below the top-level "<name>-<version>/"
        if JUNK.intersection(parts) or name.endswith((".pyc", ".pyo")):
            problems.append(f"the sdist ships junk: {name}")
    for needed in ("pyproject.toml", "README.md", "CHANGELOG.md", "openapi.yaml"):
        if not any(Path(name).parts[1:] == (needed,) for name in names):
            problems.append(f"the sdist lacks {needed}")
    from_sdist, from_tree = _wheel_files(wheel), _wheel_files(direct)
    for name in sorted(from_sdist.keys() | from_tree.keys()):
        if from_sdist.get(name) != from_tree.get(name):
            where = (
                "only in the wheel built from the tree"
                if name not in from_sdist
                else "only in the wheel built from the sdist"
                if name not in from_tree
                else "differs between the two wheels"
            )
            problems.append(f"{name}: {where}")
    return problems


def smoke() -> list[str]:
    import anthropic_models
    import anthropic_models.testing
    import generated_client
    from anthropic_models import Client
    from anthropic_models.testing import DEFAULT_ALIASES, FakeModelsAPI

    problems: list[str] = []
    prefix = Path(sys.prefix).resolve()
    for module in (anthropic_models, anthropic_models.testing, generated_client):
        location = Path(module.__file__ or "").resolve()
        if not location.is_relative_to(prefix):
            problems.append(f"{module.__name__} imported from {location}, not the venv")
    version = importlib.metadata.version("anthropic-models")
    if anthropic_models.__version__ != version:
        problems.append(f"__version__ {anthropic_models.__version__} != {version}")

    command = str(Path(sys.prefix) / "bin" / "anthropic-models")
    shown = subprocess.run(
        [command, "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    if shown.stdout.strip() != f"anthropic-models {version}":
        problems.append(f"--version printed {shown.stdout!r} {shown.stderr!r}")

    fake = FakeModelsAPI()
    alias, model_id = next(iter(DEFAULT_ALIASES.items()))
    with fake.serve() as server:
        environment = {
            **os.environ,
            "ANTHROPIC_API_KEY": fake.api_key,
            "ANTHROPIC_BASE_URL": server.base_url,
        }
        got = subprocess.run(
            [command, "get", alias, "--json"],
            capture_output=True,
            text=True,
            timeout=60,
            env=environment,
            check=False,
        )
        if got.returncode != 0 or json.loads(got.stdout or "{}").get("id") != model_id:
            problems.append(
                f"anthropic-models get {alias}: {got.stdout!r} {got.stderr!r}"
            )
        with Client(api_key=fake.api_key, base_url=server.base_url) as client:
            if client.models.get(alias).id != model_id:
                problems.append(
                    f"Client.models.get({alias!r}) did not resolve the alias"
                )
    return problems


def main(argv: list[str]) -> int:
    if argv[:1] == ["contents"] and len(argv) == 4:
        problems = contents(Path(argv[1]), Path(argv[2]), Path(argv[3]))
        done = "the sdist is clean; the wheel built from it equals the tree's"
    elif argv == ["smoke"]:
        problems = smoke()
        done = "the installed wheel imports, shows its version and gets a model"
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for problem in problems:
        print(f"make dist: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"make dist: {done}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
