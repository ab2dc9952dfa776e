#!/usr/bin/env bash
# Installs what brief needs, builds it, and runs the morning job on the bundled
# dataset: every brief in every format into Output/, with the archive pages and feeds.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build-release.sh --product brief
.build/release/brief check
.build/release/brief daily --output Output
echo "open Output/index.html" >&2
