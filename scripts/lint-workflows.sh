#!/usr/bin/env bash
# Lint the forge CI workflows (.github/workflows/) with jactionlint, pinned in
# pyproject.toml; configuration: .github/jactionlint.yaml. Run by `make lint`.
set -euo pipefail
cd "$(dirname "$0")/.."
# --no-online: never ask GitHub's API, whatever the configuration says.
# --strict-exit: a warning fails too, not only an error.
# --shellcheck=: off, as shellcheck is not pinned here (the runner image has one,
#   other machines none, so the verdict would depend on the machine).
# --ruff: Python in `run:` steps is checked by the pinned ruff, not pyflakes.
.venv/bin/jactionlint --no-online --strict-exit --shellcheck= --ruff=.venv/bin/ruff \
    --config-file=.github/jactionlint.yaml .github/workflows/*.yml
echo "make lint: the CI workflows lint clean (jactionlint, .github/jactionlint.yaml)."
