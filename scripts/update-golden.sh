#!/usr/bin/env bash
# Rewrites the golden files (Tests/BriefKitTests/Rendering/Golden/, the rendered
# formats; Tests/BriefCLITests/Golden/, the archives `daily` and `generate`
# write) from the current code and templates, then runs the golden tests again
# to compare.
# Review the result with `git diff` before committing it.
#
#   scripts/update-golden.sh                 uses .build
#   SCRATCH=.build-x scripts/update-golden.sh  uses another build folder
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=(--scratch-path "${SCRATCH:-.build}")
swift build --build-tests "${scratch[@]}"
BRIEF_UPDATE_GOLDEN=1 swift test --skip-build "${scratch[@]}" --filter GoldenFileTests
swift test --skip-build "${scratch[@]}" --filter GoldenFileTests
git status --short -- Tests/BriefKitTests/Rendering/Golden Tests/BriefCLITests/Golden
