#!/usr/bin/env bash
# Lint openapi.yaml with Redocly CLI: examples that contradict their schemas,
# unused components, operations without operationId or description, unresolved
# $refs, and the rest of Redocly's recommended rules. Configuration: redocly.yaml;
# deliberate exceptions, each with its reason: .redocly.lint-ignore.yaml. Every
# rule is an error, so this passes with zero problems or fails, printing each
# problem with its place in the spec. Run by scripts/check.sh (`make check`).
#
# Why Redocly CLI rather than Spectral (both tried on this spec): Redocly reports
# every way an example breaks its schema (Spectral 6.16 reported only the first of a
# bad date and a wrong `const` in one example); its `recommended-strict` preset makes
# every rule an error, so the exit status alone is the verdict; and it is one
# self-contained npm package (15 MB, no dependency tree: a few seconds to fetch on
# first use, against about 50 s for Spectral's).
set -euo pipefail
cd "$(dirname "$0")/.."

# Pinned exactly, like steady (tests/conformance/steady.py): which problems are
# found is part of what `make check` asserts. `npm exec --yes` fetches it from the
# npm registry on first use; later runs start in about 2 s. 2.55.0 rather than a
# later 2.x: from 2.62 on, every run on Node 20 prints a boxed end-of-life banner
# (Node 20's support ended in April 2026), and 2.55.0 finds the same problems in
# this spec as 2.77.0 did (tests/contract/test_spec_lint.py). It supports Node
# 20.19+ and 22.12+ (its `engines`), the Node the README asks for.
REDOCLY_PACKAGE="@redocly/cli@2.55.0"

# No usage data, no update check (the configuration also says `telemetry: off`).
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

# --lint-config error: a misspelt rule or option in redocly.yaml fails too.
if ! npm exec --yes --package="$REDOCLY_PACKAGE" -- \
    redocly lint --config redocly.yaml --lint-config error openapi.yaml; then
    echo "make check: the spec lint failed: see the problems above (redocly.yaml)." >&2
    exit 1
fi
echo "make check: openapi.yaml lints clean (Redocly CLI, redocly.yaml)."
