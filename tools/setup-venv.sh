#!/usr/bin/env bash
# Create the reference venv (.venv at the repository root) and install the
# pinned reference packages (tools/requirements-reference.txt) into it.
# Idempotent: the venv is created only when missing, and the packages are
# installed only when .venv/.stamp-<sha256 of the requirements file> is missing.
# Override the interpreter with PYTHON=python3.11 tools/setup-venv.sh.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
req="$root/tools/requirements-reference.txt"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    echo "setup-venv: creating $venv" >&2
    "$python" -m venv "$venv"
fi

sum="$(sha256sum "$req" | cut -d' ' -f1)"
stamp="$venv/.stamp-$sum"
if [ ! -f "$stamp" ]; then
    echo "setup-venv: installing $(basename "$req")" >&2
    "$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$req"
    rm -f "$venv"/.stamp-*
    touch "$stamp"
fi
