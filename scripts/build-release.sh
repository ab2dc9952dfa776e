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
lto=()
if swift build --help-hidden 2>/dev/null | grep -q -e '--experimental-lto-mode'; then
    lto=(--experimental-lto-mode=thin)
fi
exec swift build -c release "${lto[@]}" "$@"
