#!/usr/bin/env bash
# The venv of the Python binding (.venv-py) with tools/python/requirements.txt;
# prints its path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec bash "$root/tools/setup-venv.sh" "$root/.venv-py" "$root/tools/python/requirements.txt"
