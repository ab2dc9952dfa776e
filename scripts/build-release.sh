#!/usr/bin/env bash
# Builds in release mode, with link-time optimization across modules (ThinLTO)
# when this SwiftPM offers it: the program's modules, swift-mustache's
# included, are then optimized as one (docs/performance.md, "Link-time
# optimization": about 3 % less CPU for a cold `daily`). A SwiftPM without the
# option builds the same program without it.
#
#   scripts/build-release.sh --product brief
#   scripts/build-release.sh --scratch-path .build-bench --product brief-bench
set -euo pipefail
cd "$(dirname "$0")/.."
# The help is read whole before it is searched: `grep -q` in a pipeline would
# stop reading at the first match, and under `pipefail` a SwiftPM still writing
# its help would then fail the test and leave LTO off without a word.
help="$(swift build --help-hidden 2>/dev/null || true)"
lto=()
if [[ "$help" == *--experimental-lto-mode* ]]; then
    lto=(--experimental-lto-mode=thin)
else
    echo "build-release.sh: this SwiftPM has no --experimental-lto-mode; building without link-time optimization" >&2
fi
exec swift build -c release "${lto[@]}" "$@"
