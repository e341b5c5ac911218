#!/usr/bin/env bash
# Create or reuse a Python venv and install a pinned requirements file into it:
#   tools/setup-venv.sh                   the reference venv: .venv with
#                                         tools/requirements-reference.txt
#   tools/setup-venv.sh DIR REQUIREMENTS  any other (.venv-py, .venv-swift)
# Idempotent: the venv is created only when missing, and the packages are
# installed only when DIR/.stamp-<sha256 of the requirements file> is missing.
# Prints the venv's path. Override the interpreter with PYTHON=python3.11.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${1:-$root/.venv}"
req="${2:-$root/tools/requirements-reference.txt}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    echo "setup-venv: creating $venv" >&2
    "$python" -m venv "$venv"
fi

sum="$(sha256sum "$req" | cut -d' ' -f1)"
stamp="$venv/.stamp-$sum"
if [ ! -f "$stamp" ]; then
    echo "setup-venv: installing $req into $venv" >&2
    "$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$req"
    rm -f "$venv"/.stamp-*
    touch "$stamp"
fi
echo "$venv"
