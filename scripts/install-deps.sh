#!/usr/bin/env bash
# Installs the system and Python packages brief needs to build, run and test.
# Safe to run again: it installs only what is missing.
set -euo pipefail

# Build and run: libyaml and libxml2 (headers and pkg-config files), and the
# DocBook 5 RELAX NG schema that every DocBook brief is checked against.
run_packages=(pkg-config libyaml-dev libxml2-dev docbook5-xml)
# Tests: xmllint, a CommonMark/GFM parser, pandoc to read DocBook back.
test_packages=(libxml2-utils cmark-gfm pandoc)

packages=("${run_packages[@]}")
if [ "${1:-}" = "--test" ]; then packages+=("${test_packages[@]}"); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ "${1:-}" = "--test" ]; then
  # The JSON Schema check of the dataset docs reads YAML with PyYAML and checks with jsonschema.
  python3 -c 'import jsonschema, yaml' 2>/dev/null || python3 -m pip install -q jsonschema pyyaml
fi
