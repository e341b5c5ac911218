#!/usr/bin/env bash
# Regenerate include/plaint.h from ffi/src/ with the pinned cbindgen
# (`make header`). `tools/ffi/header.sh --check` fails when it is stale.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [[ "${1:-}" == "--check" ]]; then
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    generate_header "$tmp/plaint.h"
    if ! diff -u "$ROOT/include/plaint.h" "$tmp/plaint.h"; then
        echo "include/plaint.h is stale: run \`make header\` (tools/ffi/header.sh)" >&2
        exit 1
    fi
    echo "include/plaint.h is current"
else
    generate_header "$ROOT/include/plaint.h"
    echo "wrote include/plaint.h"
fi
