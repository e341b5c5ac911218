#!/usr/bin/env bash
# Create or reuse the venv of the Python binding (.venv-py at the repository
# root) and install tools/python/requirements.txt into it, only when the
# stamp of the requirements' hash is missing. Prints the venv's path.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.venv-py"
req="$root/tools/python/requirements.txt"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    echo "python: creating $venv" >&2
    "$python" -m venv "$venv"
fi
sum="$(sha256sum "$req" | cut -d' ' -f1)"
stamp="$venv/.stamp-$sum"
if [ ! -f "$stamp" ]; then
    echo "python: installing $(basename "$req")" >&2
    "$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$req"
    rm -f "$venv"/.stamp-*
    touch "$stamp"
fi
echo "$venv"
