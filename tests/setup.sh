#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh Debian machine:
# Chromium (browser tests), Java (the W3C HTML checker) and npm (axe-core) from Debian, and a
# virtualenv in .venv with digestgen and its test extras from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
# The lowest versions pyproject.toml allows, for tests/test_versions.py (a minimum-versions run).
[ -x .venv-min/bin/python ] || python3 -m venv .venv-min
.venv-min/bin/python -m pip install -q --upgrade pip
.venv-min/bin/python -m pip install -q -c tests/min-versions.txt -e . pytest hypothesis
# axe-core (accessibility checks injected into pages by the browser tests), from the npm registry
[ -f .venv/npm/node_modules/axe-core/axe.min.js ] || npm install --silent --no-audit --no-fund --prefix .venv/npm axe-core@4.14.1
