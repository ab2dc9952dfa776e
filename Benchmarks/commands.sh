#!/usr/bin/env bash
# Whole-command benchmark: times `brief check`, `generate --all` in each
# format, `daily` (cold, then again with nothing changed, then the next day)
# and `diff` on generated datasets, with each command's peak memory, and
# prints the Markdown table of docs/performance.md. Release build in its own
# scratch path; datasets in a temporary folder.
#
#   Benchmarks/commands.sh                       # 10k and 100k records, 20 briefs
#   RECORDS=10000 BRIEFS=5 Benchmarks/commands.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
swift build -c release --scratch-path .build-bench --product brief >&2
swift build -c release --scratch-path .build-bench --product brief-datagen >&2
bin="$root/.build-bench/release"

work="$(mktemp -d "${TMPDIR:-/tmp}/brief-commands.XXXXXX")"
trap 'rm -rf "$work"' EXIT
IFS=',' read -r -a sizes <<< "${RECORDS:-10000,100000}"
briefs="${BRIEFS:-20}"

# Seconds (wall) and peak resident memory (MB) of one command, via GNU time.
measure() {
    local out="$work/time.txt"
    /usr/bin/time -f "%e %M" -o "$out" "$@" >/dev/null 2>"$work/stderr.txt" || {
        local status=$?
        # diff exits 1 when there are changes: that is a result, not a failure.
        if [[ $status -ne 1 ]]; then cat "$work/stderr.txt" >&2; exit $status; fi
    }
    # GNU time writes "Command exited with non-zero status 1" first for diff.
    tail -n 1 "$out" | awk '{ printf "%.2f s | %.0f MB", $1, $2 / 1024 }'
}

echo "Machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory, $(swift --version 2>&1 | head -1)"
echo
echo "| records | briefs | command | time | peak memory | per brief |"
echo "|---:|---:|---|---:|---:|---:|"
for n in "${sizes[@]}"; do
    data="$work/data-$n"
    "$bin/brief-datagen" --records "$n" --out "$data" --briefs "$briefs" >/dev/null 2>&1
    ids=$(ls "$data"/*.yaml | wc -l)
    row() { # label, per-brief?, command...
        local label=$1 per=$2; shift 2
        local result; result=$(measure "$@")
        local seconds=${result%% s*}
        local each="–"
        if [[ $per == yes ]]; then each=$(awk -v s="$seconds" -v b="$ids" 'BEGIN { printf "%.3f s", s / b }'); fi
        echo "| $n | $ids | $label | ${result/ | / | } | $each |"
    }
    row "check" no "$bin/brief" check --briefs "$data"
    for format in markdown html docbook json; do
        row "generate --all --format $format" yes "$bin/brief" generate --all --as-of 2025-06-01 --format "$format" \
            --briefs "$data" --output "$work/out-$format-$n"
    done
    row "daily (cold, all formats, validated)" yes "$bin/brief" daily --date 2025-06-01 --briefs "$data" --output "$work/archive-$n" --quiet
    row "daily again (same date, nothing changes)" yes "$bin/brief" daily --date 2025-06-01 --briefs "$data" --output "$work/archive-$n" --quiet
    row "daily next day (with changes files)" yes "$bin/brief" daily --date 2025-06-02 --briefs "$data" --output "$work/archive-$n" --quiet
    first=$(basename "$(ls "$data"/*.yaml | head -1)" .yaml)
    row "diff one brief --from --to (two as-of views)" no "$bin/brief" diff "$first" --from 2025-01-01 --to 2025-06-01 --format json --briefs "$data"
done
