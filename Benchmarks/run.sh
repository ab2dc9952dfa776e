#!/usr/bin/env bash
# Loading benchmark: builds brief-bench in release (its own scratch path, so a
# developer's .build is left alone), generates datasets of 10,000 and 100,000
# records into a temporary folder, and prints the Markdown table of
# docs/performance.md.
#
#   Benchmarks/run.sh                      # 10k and 100k records
#   RECORDS=1000,10000 Benchmarks/run.sh   # other sizes
#   KEEP=1 Benchmarks/run.sh               # keep the generated datasets
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/build-release.sh --scratch-path .build-bench --product brief-bench >&2

work="$(mktemp -d "${TMPDIR:-/tmp}/brief-bench.XXXXXX")"
if [[ "${KEEP:-0}" == "1" ]]; then
    echo "datasets kept in $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi

echo "Machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory, $(swift --version 2>&1 | head -1)" >&2
.build-bench/release/brief-bench load --records "${RECORDS:-10000,100000}" --work "$work" --runs "${RUNS:-3}"
