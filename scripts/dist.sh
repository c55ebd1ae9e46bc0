#!/usr/bin/env bash
# `make dist`: build the sdist and, from it, the wheel (python -m build), check
# their metadata (twine check --strict), check the sdist's contents against a
# wheel built straight from the tree, then install the wheel into a fresh
# virtual environment and smoke-test it there. Leaves the two files in dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bin="$root/.venv/bin"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

quietly() {  # run a step, showing its output only when it fails
    "$@" >"$scratch/step.log" 2>&1 || { cat "$scratch/step.log" >&2; exit 1; }
}

rm -rf dist
# With no --sdist/--wheel, build makes the sdist, then the wheel from it.
quietly "$bin/python" -m build --outdir dist .
quietly "$bin/python" -m build --wheel --outdir "$scratch/direct" .
sdist=(dist/*.tar.gz)
wheel=(dist/*.whl)
"$bin/twine" --no-color check --strict "${sdist[0]}" "${wheel[0]}"
"$bin/python" scripts/dist_check.py contents "${sdist[0]}" "${wheel[0]}" "$scratch"/direct/*.whl

"$bin/python" -m venv "$scratch/venv"
# The runtime dependencies at the versions the tests ran with.
quietly "$scratch/venv/bin/python" -m pip install -c constraints.txt "${wheel[0]}"
# -I: isolated, so the package comes from the venv, never from this checkout.
(cd "$scratch" && "$scratch/venv/bin/python" -I "$root/scripts/dist_check.py" smoke)
echo "make dist: ${sdist[0]} and ${wheel[0]} built, checked and smoke-tested."
