#!/usr/bin/env bash
# Sets up a virtual environment with the development tools and runs the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
# pip names index folders that some machines configure but do not hold; those lines are noise
pip_install() {
  .venv/bin/python -m pip install -q "$@" 2>&1 | { grep -v "^WARNING: Location '.*' is ignored" || true; }
}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
pip_install --upgrade pip
pip_install -e '.[dev]'
.venv/bin/python -m pytest "$@"
