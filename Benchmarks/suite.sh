#!/usr/bin/env bash
# The performance suite of docs/performance.md, in one command: for each size,
# a generated dataset (20 briefs), the libyaml-only scan of its files (the
# floor; and again with mimalloc, the allocator `brief` is linked with),
# PyYAML's C loader reading the same files (what a Python script pays before
# it does anything), the hand-written Python script the issue measures against
# (Benchmarks/baseline/python_briefs.py: PyYAML's C loader and Jinja2, every
# brief in Markdown, HTML and DocBook), then the real commands with GNU time: check,
# generate --all (no cache), cold daily (no cache), daily filling an empty
# cache, daily again after one data file changed (warm cache), after an older
# file changed (which reaches briefs), the next day,
# and a diff. What the goals are ratios of (the scans, the Python script and
# the cold daily) is measured side by side: GOAL_ROUNDS rounds (default 5), each
# running all of them in turn, medians of the rounds; the warm daily and the
# curve in briefs are medians of three runs. Commands are timed as whole
# processes (wall time), the Python script too. Prints the Markdown table
# and, with WRITE=1 (the default), puts it in docs/performance.md between the
# `suite:begin` and `suite:end` markers.
#
#   Benchmarks/suite.sh                               # 10k, 100k and 1M records
#   RECORDS=10000,100000 Benchmarks/suite.sh          # other sizes
#   KEEP=DIR Benchmarks/suite.sh                      # keep (and reuse) datasets in DIR
#   PYTHON_MAX=100000 WRITE=0 Benchmarks/suite.sh     # Python only up to that size; print only
#   CURVE_AT=10000 Benchmarks/suite.sh                # the 1/5/10/20-brief curve on another size
#   GOAL_ROUNDS=9 Benchmarks/suite.sh                 # more rounds of the goals' figures
#
# Needs GNU time (Debian `time`) and, for the Python columns, PyYAML with its C
# loader and Jinja2 (scripts/install-deps.sh --test installs them). Release builds go to
# .build-bench, so a developer's .build is left alone.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
for product in brief brief-datagen brief-bench; do
    scripts/build-release.sh --scratch-path .build-bench --product "$product" >&2
done
bin="$root/.build-bench/release"
# `brief` is linked with mimalloc (Package.swift). brief-bench is not, so that its
# scan is libyaml with the C library's malloc, the floor the issue names; the scan
# is also timed with mimalloc preloaded, and the stages run with it, as `brief` does.
mimalloc="$(ldd "$bin/brief" | awk '$1 ~ /^libmimalloc/ { print $3 }')"
with_allocator() { if [[ -n "$mimalloc" ]]; then LD_PRELOAD="$mimalloc" "$@"; else "$@"; fi; }

if [[ -n "${KEEP:-}" ]]; then
    work="$KEEP"
    mkdir -p "$work"
else
    work="$(mktemp -d "${TMPDIR:-/tmp}/brief-suite.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
fi
IFS=',' read -r -a sizes <<< "${RECORDS:-10000,100000,1000000}"
briefs="${BRIEFS:-20}"
python_max="${PYTHON_MAX:-100000}"
goal_rounds="${GOAL_ROUNDS:-5}"

# "seconds peak-MB" of one command, via GNU time; diff's exit 1 (changes) is a result.
measure() {
    local out="$work/time.txt"
    if ! /usr/bin/time -f "%e %M" -o "$out" "$@" >/dev/null 2>"$work/stderr.txt"; then
        local status
        status=$(sed -n 's/^Command exited with non-zero status \([0-9]*\)$/\1/p' "$out")
        if [[ "$status" != 1 || "$1" != "$bin/brief" || "$2" != diff ]]; then
            cat "$work/stderr.txt" >&2
            echo "failed: $*" >&2
            exit 1
        fi
    fi
    tail -n 1 "$out" | awk '{ printf "%.2f %.0f\n", $1, $2 / 1024 }'
}
# The median of three "seconds peak-MB" lines (by seconds; the largest peak).
median3() { sort -n | awk '{ t[NR] = $1; if ($2 > m) m = $2 } END { printf "%s %s\n", t[2], m }'; }
# The same for any odd number of lines ("seconds ..." lines: the rest of the median line is kept).
median() { sort -n | awk '{ line[NR] = $0; if ($2 > m) m = $2 } END { split(line[(NR + 1) / 2], f, " "); printf "%s %s\n", f[1], m }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else printf "–" }'; }
grouped() { echo "$1" | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta'; }

machine="$(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory, $(swift --version 2>&1 | head -1 | sed 's/ (.*//'), \`brief\` allocating with $(with_allocator "$bin/brief-bench" allocator)"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Benchmarks Package.swift || echo "+changes")"
rows=()
stages=()
curves=
for n in "${sizes[@]}"; do
    data="$work/records-$n"
    if [[ ! -f "$data/.generated-$n-$briefs" ]]; then
        rm -rf "$data"
        echo "generating $n records ..." >&2
        "$bin/brief-datagen" --records "$n" --out "$data" --briefs "$briefs" >&2
        touch "$data/.generated-$n-$briefs"
    fi
    # The file the warm run changes back to its generated bytes (a kept dataset is reused).
    # A source document's file (in a year's folder), never the actors' file,
    # whose change reaches every brief: the same kind of change at every size.
    changed="$(find "$data/data" -path '*/[0-9][0-9][0-9][0-9]/*' -name '*.yaml' | sort | awk 'NR % 2 == 0' | tail -n 1)"
    if [[ -f "$changed.original" ]]; then cp "$changed.original" "$changed"; else cp "$changed" "$changed.original"; fi
    out="$work/out-$n"
    cache="$work/cache-$n"
    rm -rf "$out-cold" "$out-generate" "$out" "$cache"
    python="–"
    script="–"
    with_python=0
    if (( n <= python_max )) && python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null; then
        echo "PyYAML on $n records ..." >&2
        python="$(python3 Benchmarks/baseline/pyyaml_load.py "$data" 1 | awk '{ print $1 }')"
        if python3 -c 'import jinja2' 2>/dev/null; then
            with_python=1
        else
            echo "no Jinja2: the Python script's column is left empty (scripts/install-deps.sh --test)" >&2
        fi
    fi
    # What the goals are ratios of, side by side: each round runs the
    # libyaml scan (with the C library's malloc, then with mimalloc), the
    # Python script and a cold `daily`, one after the other, so that all of
    # them meet the same minute of a shared machine; each column is the
    # median of its rounds. `brief` and the script are timed alike, as cron
    # runs them: the whole process from the shell (for the script, the
    # interpreter's start and its imports included).
    echo "the goals' figures on $n records, $goal_rounds rounds ..." >&2
    : > "$work/scan"; : > "$work/scan-mi"; : > "$work/script"; : > "$work/cold"
    for ((round = 0; round < goal_rounds; round++)); do
        "$bin/brief-bench" scan --briefs "$data" --runs 1 >> "$work/scan"
        with_allocator "$bin/brief-bench" scan --briefs "$data" --runs 1 >> "$work/scan-mi"
        if (( with_python )); then
            rm -rf "$work/python-out"
            measure python3 Benchmarks/baseline/python_briefs.py "$data" "$work/python-out" --date 2025-06-01 >> "$work/script"
            rm -rf "$work/python-out"
        fi
        rm -rf "$out-cold"
        measure "$bin/brief" daily --date 2025-06-01 --briefs "$data" --output "$out-cold" --no-cache --quiet >> "$work/cold"
    done
    read -r _ files bytes _ < "$work/scan"
    scan=$(median < "$work/scan" | awk '{ printf "%.3f", $1 }')
    scan_mi=$(median < "$work/scan-mi" | awk '{ printf "%.3f", $1 }')
    (( with_python )) && read -r script _ <<< "$(median < "$work/script")"
    read -r cold cold_mb <<< "$(median < "$work/cold")"
    echo "commands on $n records ..." >&2
    r=$(measure "$bin/brief" check --briefs "$data" --no-cache); read -r check check_mb <<< "$r"
    r=$(measure "$bin/brief" generate --all --as-of 2025-06-01 --briefs "$data" --output "$out-generate" --no-cache); read -r generate generate_mb <<< "$r"
    rm -rf "$out-generate"
    r=$(measure "$bin/brief" daily --date 2025-06-01 --briefs "$data" --output "$out" --cache "$cache" --quiet); read -r filling filling_mb <<< "$r"
    # One data file changes before each run: its first title is revised, a
    # different way each time, so every run finds exactly one changed file.
    r=$(for run in 1 2 3; do
        cp "$changed.original" "$changed"
        sed -i "0,/title: /s//title: Revised ($run) /" "$changed"
        measure "$bin/brief" daily --date 2025-06-01 --briefs "$data" --output "$out" --cache "$cache" --quiet
    done | median3); read -r warm warm_mb <<< "$r"
    # The desk's other kind of edit: the first file of the dataset, years
    # old, has its first title revised. Its source is known on the day, so
    # every brief with a record citing it is analysed and rendered again;
    # the cell says how many briefs were written. One run.
    # (awk reads to the end: `head` would close the pipe early, and sort's
    # SIGPIPE would end the script under pipefail.)
    older="$(find "$data/data" -path '*/[0-9][0-9][0-9][0-9]/*' -name '*.yaml' | sort | awk 'NR == 1')"
    if [[ -f "$older.original" ]]; then cp "$older.original" "$older"; else cp "$older" "$older.original"; fi
    sed -i "0,/^    title: .*/s//    title: Revised by the desk/" "$older"
    r=$(measure "$bin/brief" daily --date 2025-06-01 --briefs "$data" --output "$out" --cache "$cache"); read -r reached reached_mb <<< "$r"
    reached_count=$(grep -o '[0-9]* brief date(s) written' "$work/stderr.txt" | cut -d' ' -f1 || true)
    cp "$older.original" "$older"
    r=$(measure "$bin/brief" daily --date 2025-06-02 --briefs "$data" --output "$out" --cache "$cache" --quiet); read -r next next_mb <<< "$r"
    first="$(basename "$(ls "$data"/*.yaml | head -1)" .yaml)"
    r=$(measure "$bin/brief" diff "$first" --from 2025-01-01 --to 2025-06-01 --briefs "$data" --format json --cache "$cache"); read -r diff diff_mb <<< "$r"
    cp "$changed.original" "$changed"
    rm -rf "$out-cold" "$out" "$cache"
    # The curve in the number of briefs: the same data, the first K definitions.
    if [[ "$n" == "${CURVE_AT:-100000}" ]]; then
        curve=()
        for k in 1 5 10 "$briefs"; do
            some="$work/briefs-$k"
            rm -rf "$some" "$out-k"
            mkdir -p "$some"
            ls "$data"/*.yaml | head -n "$k" | xargs -I{} cp {} "$some/"
            r=$(for run in 1 2 3; do
                rm -rf "$out-k"
                measure "$bin/brief" daily --date 2025-06-01 --briefs "$some" --data "$data/data" --output "$out-k" --no-cache --quiet
            done | median3); read -r t m <<< "$r"
            curve+=("| $k | $t | $m |")
            rm -rf "$some" "$out-k"
        done
        curves="$(printf '**Briefs on the same %s records** (cold `daily --no-cache`, the first K brief definitions, median of three runs):\n\n| briefs | seconds | peak MB |\n|---:|---:|---:|\n%s' "$(grouped "$n")" "$(printf '%s\n' "${curve[@]}")")"
    fi
    echo "stages on $n records ..." >&2
    stages+=("$(printf '**%s records, stage by stage** (`brief-bench stages`: what `daily --no-cache` does, one stage after the other; the analysis, the rendering of each format and each output check on one core):\n\n%s' "$(grouped "$n")" "$(with_allocator "$bin/brief-bench" stages --briefs "$data" --date 2025-06-01)")")
    peak=$(printf '%s\n' "$check_mb" "$generate_mb" "$cold_mb" "$filling_mb" "$warm_mb" "$reached_mb" "$next_mb" "$diff_mb" | sort -n | tail -1)
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    python_ratio="–"
    [[ "$python" != "–" ]] && python_ratio="$(ratio "$python" "$cold")"
    script_ratio="–"
    [[ "$script" != "–" ]] && script_ratio="$(ratio "$script" "$cold")"
    rows+=("| $(grouped "$n") | $files | $mb | $scan | $scan_mi | $python | $script | $check | $generate | $cold | $filling | $warm | $reached (${reached_count:-0}) | $next | $diff | $peak | $(ratio "$cold" "$scan") | $(ratio "$cold" "$scan_mi") | $(ratio "$warm" "$scan") | $python_ratio | $script_ratio |")
    echo "  ${rows[-1]}" >&2
done

table="$(
    echo "Measured by \`Benchmarks/suite.sh\` at commit $commit on $(date -u '+%-d %B %Y, %H:%M UTC'): $machine, load average $(cut -d' ' -f1 /proc/loadavg) at the end; $briefs briefs; seconds, wall time."
    echo
    echo "| records | files | YAML MB | libyaml scan, 1 core | the scan with mimalloc | PyYAML C load, 1 core | Python script (PyYAML + Jinja2), 1 core | check | generate --all, no cache | daily cold, no cache | daily, filling the cache | daily, one file changed | daily, an older file changed (briefs written) | daily, next day | diff | peak MB | cold / scan | cold / scan with mimalloc | one file changed / scan | PyYAML load / cold daily | Python script / cold daily |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${rows[@]}"
    [[ -n "$curves" ]] && printf '\n%s\n' "$curves"
    for block in "${stages[@]}"; do printf '\n%s\n' "$block"; done
)"
echo "$table"

if [[ "${WRITE:-1}" == "1" ]]; then
    python3 - "$table" <<'EOF'
import sys
path = "docs/performance.md"
text = open(path, encoding="utf-8").read()
begin, end = "<!-- suite:begin -->", "<!-- suite:end -->"
if begin not in text or end not in text:
    sys.exit(f"{path} has no {begin} … {end} markers")
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w", encoding="utf-8").write(head + begin + "\n" + sys.argv[1] + "\n" + end + tail)
print(f"wrote the table into {path}", file=sys.stderr)
EOF
fi
