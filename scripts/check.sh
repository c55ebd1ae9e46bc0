#!/usr/bin/env bash
# Lint openapi.yaml (scripts/lint-spec.sh), then prove that the committed
# generated code equals a fresh generation from it. Generates into a temporary
# folder (the working tree is never touched), prints the diff and exits 1 on any
# drift.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT

scripts/lint-spec.sh
scripts/generate.sh "$fresh"

status=0
diff -ru --exclude=__pycache__ --exclude=.ruff_cache \
    generated_client "$fresh/generated_client" || status=1
diff -u tests/contract/spec_models.py "$fresh/tests/contract/spec_models.py" || status=1
for module in _parsers.py _spec.py _resources.py _status_errors.py; do
    diff -u "anthropic_models/$module" "$fresh/anthropic_models/$module" || status=1
done
if [ "$status" -ne 0 ]; then
    echo "make check: the generated code differs from a fresh generation of openapi.yaml." >&2
    echo "Run 'make generate' and commit the result (never edit generated files by hand)." >&2
    exit 1
fi
echo "make check: spec valid; generated code matches openapi.yaml."

# The public API: the committed report is current, and nothing broke since the
# last release unless the version says so.
scripts/check_api.sh "$fresh"
