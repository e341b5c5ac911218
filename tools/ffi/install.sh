#!/usr/bin/env bash
# Install the C ABI into PREFIX (`make install PREFIX=...`):
#   PREFIX/lib/libplaint.so.1 (+ libplaint.so link), PREFIX/lib/libplaint.a,
#   PREFIX/include/plaint.h and plaint.hpp (the C++11 wrapper), PREFIX/lib/pkgconfig/plaint.pc,
#   PREFIX/lib/cmake/plaint/plaintConfig.cmake (+ ConfigVersion).
# PLAINT_OLD_GLIBC=1: the libraries of the old-glibc build instead.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
PREFIX="${1:-${PREFIX:-}}"
[[ -n "$PREFIX" ]] || { echo "usage: tools/ffi/install.sh PREFIX" >&2; exit 2; }
mkdir -p "$PREFIX"
PREFIX="$(cd "$PREFIX" && pwd)"
if [[ "${PLAINT_OLD_GLIBC:-}" == 1 ]]; then
    # The build for glibc >= OLD_GLIBC (cargo-zigbuild; README, Platforms).
    build_old_glibc_lib
    pkg="$OLD_DIR/pkg"
else
    build_lib
    pkg="$ROOT/target/release/pkg"
fi
install -d "$PREFIX/lib/pkgconfig" "$PREFIX/lib/cmake/plaint" "$PREFIX/include"
install -m 0755 "$pkg/libplaint.so.$ABI" "$PREFIX/lib/libplaint.so.$ABI"
ln -sf "libplaint.so.$ABI" "$PREFIX/lib/libplaint.so"
install -m 0644 "$pkg/libplaint.a" "$PREFIX/lib/libplaint.a"
install -m 0644 "$ROOT/include/plaint.h" "$PREFIX/include/plaint.h"
install -m 0644 "$ROOT/include/plaint.hpp" "$PREFIX/include/plaint.hpp"
sed -e "s|@PREFIX@|$PREFIX|" -e "s|@VERSION@|$VERSION|" -e "s|@ABI@|$ABI|" -e "s|@NATIVE_LIBS@|$NATIVE_LIBS|" \
    "$ROOT/ffi/pkg/plaint.pc.in" >"$PREFIX/lib/pkgconfig/plaint.pc"
install -m 0644 "$ROOT/ffi/pkg/plaintConfig.cmake" "$PREFIX/lib/cmake/plaint/plaintConfig.cmake"
sed -e "s|@VERSION@|$VERSION|" -e "s|@ABI@|$ABI|" "$ROOT/ffi/pkg/plaintConfigVersion.cmake.in" \
    >"$PREFIX/lib/cmake/plaint/plaintConfigVersion.cmake"
echo "installed plaint $VERSION (ABI $ABI) into $PREFIX"
