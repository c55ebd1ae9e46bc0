#!/usr/bin/env bash
# The public-API half of `make check` (called by scripts/check.sh with the folder
# that scripts/generate.sh just wrote a fresh generation into):
#   1. the committed api/public-api.txt equals the fresh report (it is generated:
#      a hand edit, or a change of the public API without `make generate`, fails);
#   2. the gate: no breaking change since the baseline (api/baseline.json, the
#      last release), unless pyproject.toml's version was raised by semver.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh=$1

if ! diff -u api/public-api.txt "$fresh/api/public-api.txt"; then
    echo "make check: api/public-api.txt differs from the public API of the code." >&2
    echo "Run 'make generate' and commit the report (never edit it by hand)." >&2
    exit 1
fi
.venv/bin/python scripts/api_surface.py gate
