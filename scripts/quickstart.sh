#!/usr/bin/env bash
# Sets up a virtual environment, installs groundfacts, runs it on the bundled sample and
# stores the result in events.duckdb (for groundfacts serve).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
# pip names index folders that some machines configure but do not hold; those lines are noise
pip_install() {
  .venv/bin/python -m pip install -q "$@" 2>&1 | { grep -v "^WARNING: Location '.*' is ignored" || true; }
}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
pip_install --upgrade pip
pip_install -e .
.venv/bin/groundfacts demo --db events.duckdb
echo "next: .venv/bin/groundfacts serve --db events.duckdb   (then open http://127.0.0.1:8000/)"
