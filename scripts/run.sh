#!/usr/bin/env bash
# Installs what brief needs, builds it, and runs it on the bundled dataset.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product brief
.build/release/brief check
