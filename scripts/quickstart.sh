#!/usr/bin/env bash
# Sets up a virtual environment, installs groundfacts and runs it on the bundled sample.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
.venv/bin/groundfacts demo
