#!/usr/bin/env bash
# Two builds of `brief` side by side, runs interleaved: on a shared machine
# whose speed drifts from one minute to the next (docs/performance.md, "The
# machine"), a difference of ten per cent shows only when the two builds take
# turns. For each dataset: the libyaml scan (the floor), then ROUNDS rounds
# of `check --no-cache` and of a cold `daily --no-cache` with each build in
# turn; prints the median of each, and each build's cold daily over the scan
# of the same rounds.
#
# With MORNING=1, then the desk's morning for each dataset: each build fills
# an archive and a cache of its own on the first date, and each round times
# `daily` on the next date on fresh copies of both, put back where they were
# made (the cache keeps the run state under the archive's path); prints the
# medians of wall and CPU seconds (user + system).
#
# With DISK=1, then the same cold `daily`, and a warm `daily` that reads
# and hashes every file (the same date again, with a cache), each run after
# the system's page cache is emptied (`echo 1 > /proc/sys/vm/drop_caches`:
# needs root): a morning's first run whose dataset is no longer in memory.
# Prints the medians of wall and CPU seconds.
#
# With FILLING=1, then the first run with a cache (a desk's first morning, and
# every morning after an upgrade: the cache is keyed by the executable): each
# round times `daily` with each build in turn into an empty archive and an
# empty cache; prints the medians of wall and CPU seconds.
#
#   Benchmarks/compare.sh OLD_BRIEF NEW_BRIEF DATASET_DIR...
#   ROUNDS=3 Benchmarks/compare.sh /tmp/brief-old .build-bench/release/brief /tmp/suite-data/records-100000
#   MORNING=1 Benchmarks/compare.sh /tmp/brief-old .build-bench/release/brief /tmp/suite-data/records-100000
#   FILLING=1 Benchmarks/compare.sh /tmp/brief-old .build-bench/release/brief /tmp/suite-data/records-100000
#   DISK=1 Benchmarks/compare.sh /tmp/brief-old .build-bench/release/brief /tmp/suite-data/records-100000
#
# DATASET_DIR is a folder of brief definitions with its dataset in `data/`
# (what `brief-datagen` writes; `KEEP=DIR Benchmarks/suite.sh` keeps them).
# Needs GNU time and brief-bench (built here in release, into .build-bench).
set -euo pipefail

(( $# >= 3 )) || { sed -n '2,35p' "$0" >&2; exit 64; }
old="$1"; new="$2"; shift 2
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
"$root/scripts/build-release.sh" --scratch-path .build-bench --product brief-bench >&2
bench="$root/.build-bench/release/brief-bench"
rounds="${ROUNDS:-5}"
work="$(mktemp -d "${TMPDIR:-/tmp}/brief-compare.XXXXXX")"
trap 'rm -rf "$work"' EXIT

seconds() {
    /usr/bin/time -f "%e" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
    tail -n 1 "$work/time"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "| dataset | scan | check, old | check, new | cold daily, old | cold daily, new | daily new / old | old / scan | new / scan |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for data in "$@"; do
    : > "$work/scan"; : > "$work/check-old"; : > "$work/check-new"; : > "$work/daily-old"; : > "$work/daily-new"
    for ((round = 0; round < rounds; round++)); do
        "$bench" scan --briefs "$data" --runs 1 | awk '{ print $1 }' >> "$work/scan"
        # Which build goes first alternates, so neither always runs on a cache the other warmed.
        if (( round % 2 == 0 )); then order="old new"; else order="new old"; fi
        for which in $order; do
            if [[ "$which" == old ]]; then program="$old"; else program="$new"; fi
            seconds "$program" check --briefs "$data" --no-cache >> "$work/check-$which"
            rm -rf "$work/out"
            seconds "$program" daily --date 2025-06-01 --briefs "$data" --output "$work/out" --no-cache --quiet >> "$work/daily-$which"
        done
    done
    scan=$(median < "$work/scan")
    check_old=$(median < "$work/check-old"); check_new=$(median < "$work/check-new")
    daily_old=$(median < "$work/daily-old"); daily_new=$(median < "$work/daily-new")
    awk -v d="$(basename "$data")" -v s="$scan" -v co="$check_old" -v cn="$check_new" -v o="$daily_old" -v n="$daily_new" 'BEGIN {
        printf "| %s | %.3f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f× | %.1f× |\n", d, s, co, cn, o, n, n / o, o / s, n / s
    }'
done

# %e wall, %U + %S CPU.
timed() {
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
    tail -n 1 "$work/time" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }'
}
# "| dataset | wall old | wall new | new / old | CPU old | CPU new |" from the files of "wall CPU" lines.
medians_row() {
    local wall_old wall_new cpu_old cpu_new
    wall_old=$(awk '{ print $1 }' "$2" | median); wall_new=$(awk '{ print $1 }' "$3" | median)
    cpu_old=$(awk '{ print $2 }' "$2" | median); cpu_new=$(awk '{ print $2 }' "$3" | median)
    awk -v d="$1" -v o="$wall_old" -v n="$wall_new" -v co="$cpu_old" -v cn="$cpu_new" 'BEGIN {
        printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f |\n", d, o, n, n / o, co, cn
    }'
}

if [[ "${MORNING:-0}" == 1 ]]; then
echo
echo "| dataset | next day, old | next day, new | new / old | CPU s, old | CPU s, new |"
echo "|---|---:|---:|---:|---:|---:|"
for data in "$@"; do
    for which in old new; do
        if [[ "$which" == old ]]; then program="$old"; else program="$new"; fi
        # The run state is kept in the cache under the archive's path: each
        # round restores the archive and the cache of the first date, at the
        # paths they were made at, as a desk's next morning finds them.
        rm -rf "$work/out-$which" "$work/cache-$which" "$work/first-$which" "$work/first-cache-$which"
        seconds "$program" daily --date 2025-06-01 --briefs "$data" --output "$work/out-$which" --cache "$work/cache-$which" --quiet >/dev/null
        cp -a "$work/out-$which" "$work/first-$which"; cp -a "$work/cache-$which" "$work/first-cache-$which"
        : > "$work/morning-$which"
    done
    for ((round = 0; round < rounds; round++)); do
        if (( round % 2 == 0 )); then order="old new"; else order="new old"; fi
        for which in $order; do
            if [[ "$which" == old ]]; then program="$old"; else program="$new"; fi
            rm -rf "$work/out-$which" "$work/cache-$which"
            cp -a "$work/first-$which" "$work/out-$which"; cp -a "$work/first-cache-$which" "$work/cache-$which"
            timed "$program" daily --date 2025-06-02 --briefs "$data" --output "$work/out-$which" --cache "$work/cache-$which" --quiet >> "$work/morning-$which"
        done
    done
    medians_row "$(basename "$data")" "$work/morning-old" "$work/morning-new"
done
fi

if [[ "${FILLING:-0}" == 1 ]]; then
echo
echo "| dataset | filling a cache, old | filling a cache, new | new / old | CPU s, old | CPU s, new |"
echo "|---|---:|---:|---:|---:|---:|"
for data in "$@"; do
    : > "$work/filling-old"; : > "$work/filling-new"
    for ((round = 0; round < rounds; round++)); do
        if (( round % 2 == 0 )); then order="old new"; else order="new old"; fi
        for which in $order; do
            if [[ "$which" == old ]]; then program="$old"; else program="$new"; fi
            rm -rf "$work/out-fill" "$work/cache-fill"
            timed "$program" daily --date 2025-06-01 --briefs "$data" --output "$work/out-fill" --cache "$work/cache-fill" --quiet >> "$work/filling-$which"
        done
    done
    medians_row "$(basename "$data")" "$work/filling-old" "$work/filling-new"
done
fi

if [[ "${DISK:-0}" == 1 ]]; then
[[ -w /proc/sys/vm/drop_caches ]] || { echo "DISK=1 needs root, to empty the page cache" >&2; exit 1; }
# Writes what is dirty first: emptying the cache then drops every clean page.
uncached() { sync; echo 1 > /proc/sys/vm/drop_caches; timed "$@"; }
echo
echo "| page cache emptied | old | new | new / old | CPU s, old | CPU s, new |"
echo "|---|---:|---:|---:|---:|---:|"
for data in "$@"; do
    : > "$work/disk-old"; : > "$work/disk-new"; : > "$work/disk-warm-old"; : > "$work/disk-warm-new"
    for which in old new; do
        if [[ "$which" == old ]]; then program="$old"; else program="$new"; fi
        rm -rf "$work/out-warm-$which" "$work/cache-warm-$which"
        seconds "$program" daily --date 2025-06-01 --briefs "$data" --output "$work/out-warm-$which" --cache "$work/cache-warm-$which" --quiet >/dev/null
    done
    for ((round = 0; round < rounds; round++)); do
        if (( round % 2 == 0 )); then order="old new"; else order="new old"; fi
        for which in $order; do
            if [[ "$which" == old ]]; then program="$old"; else program="$new"; fi
            rm -rf "$work/out"
            uncached "$program" daily --date 2025-06-01 --briefs "$data" --output "$work/out" --no-cache --quiet >> "$work/disk-$which"
            uncached "$program" daily --date 2025-06-01 --briefs "$data" --output "$work/out-warm-$which" --cache "$work/cache-warm-$which" --quiet >> "$work/disk-warm-$which"
        done
    done
    medians_row "$(basename "$data"): cold daily" "$work/disk-old" "$work/disk-new"
    medians_row "$(basename "$data"): daily, nothing changed" "$work/disk-warm-old" "$work/disk-warm-new"
done
fi
