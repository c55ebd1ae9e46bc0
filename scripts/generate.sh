#!/usr/bin/env bash
# Regenerate everything that openapi.yaml determines.
#
#   scripts/generate.sh            write into the repository (what `make generate` runs)
#   scripts/generate.sh DIR        write into DIR instead (what scripts/check.sh uses)
#
# Steps: validate the spec; run openapi-python-client (--fail-on-warning: it drops an
# endpoint it cannot generate with only a warning) into a scratch folder; write the
# runtime's response parsers (scripts/generate_parsers.py) and its request side
# (scripts/generate_resources.py) from the same spec and configuration; run datamodel-code-generator for the contract
# tests' pydantic models; then move all three into place. Output carries no
# timestamps, so two runs give identical bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=${1:-$root}
bin="$root/.venv/bin"
export PATH="$bin:$PATH"   # the generator's post-hooks run the pinned ruff

# Quiet when the spec is valid; its report (on stdout) when not.
validated=$("$bin/openapi-spec-validator" openapi.yaml) || { echo "$validated" >&2; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

"$bin/openapi-python-client" generate \
    --path openapi.yaml \
    --config generator-config.yaml \
    --meta none \
    --output-path "$scratch/generated_client" \
    --fail-on-warning >"$scratch/generator.log" 2>&1 \
    || { cat "$scratch/generator.log" >&2; exit 1; }
touch "$scratch/generated_client/py.typed"
cat >"$scratch/generated_client/README.md" <<'TEXT'
# generated_client — do not edit

Everything in this folder is generated from `openapi.yaml` by `make generate`
(openapi-python-client, configured by `generator-config.yaml`). Hand edits are
lost at the next generation, and `make check` fails on them. To change this
code, change the spec or the generator configuration and run `make generate`.
TEXT

"$bin/python" scripts/generate_parsers.py openapi.yaml generator-config.yaml \
    "$scratch/_parsers.py"
# The request side: the resources' methods (client.models, client.beta.models),
# the spec's operations as data (for
# the fake and the command line) and the exception class of each documented
# error status (scripts/generate_resources.py).
"$bin/python" scripts/generate_resources.py openapi.yaml generator-config.yaml \
    "$scratch/runtime"

# datamodel-code-generator takes its options from [tool.datamodel-codegen] in
# pyproject.toml.
"$bin/datamodel-codegen" --output "$scratch/spec_models.py"

mkdir -p "$out/tests/contract" "$out/anthropic_models"
rm -rf "$out/generated_client"
mv "$scratch/generated_client" "$out/generated_client"
mv "$scratch/spec_models.py" "$out/tests/contract/spec_models.py"
mv "$scratch/_parsers.py" "$out/anthropic_models/_parsers.py"
for module in _spec.py _resources.py _status_errors.py; do
    mv "$scratch/runtime/$module" "$out/anthropic_models/$module"
done

# The report of the public Python API (griffe; scripts/api_surface.py).
"$bin/python" scripts/api_surface.py report --generated "$out" "$out/api/public-api.txt"
