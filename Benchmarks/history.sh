#!/usr/bin/env bash
# The desk's mornings as the archive's history grows: `daily` with the cache on
# DAYS consecutive dates (from 2025-01-01) into one archive, timed on the 1st,
# the 2nd and every 50th date (docs/performance.md, "The archive's own history").
#
#   Benchmarks/history.sh BRIEF DATASET_DIR [DAYS]
#   Benchmarks/history.sh .build-bench/release/brief /tmp/suite-data/records-10000 400
#
# DATASET_DIR is a folder of brief definitions with its dataset in `data/`
# (what `brief-datagen` writes; `KEEP=DIR Benchmarks/suite.sh` keeps them).
# Prints one Markdown row per timed date: wall, user and system seconds (GNU time).
set -euo pipefail

(( $# >= 2 )) || { sed -n '2,11p' "$0" >&2; exit 64; }
brief="$1"; data="$2"; days="${3:-400}"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
work="$(mktemp -d "${TMPDIR:-/tmp}/brief-history.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "| morning | date | wall | user CPU | system CPU |"
echo "|---:|---|---:|---:|---:|"
for (( i = 1; i <= days; i++ )); do
    day="$(date -u -d "2025-01-01 + $(( i - 1 )) days" +%F)"
    run=("$brief" daily --date "$day" --briefs "$data" --output "$work/out" --cache "$work/cache" --quiet)
    if (( i <= 2 || i % 50 == 0 )); then
        /usr/bin/time -f "%e %U %S" -o "$work/time" "${run[@]}"
        read -r wall user system < <(tail -n 1 "$work/time")
        echo "| $i | $day | $wall | $user | $system |"
    else
        "${run[@]}"
    fi
done
