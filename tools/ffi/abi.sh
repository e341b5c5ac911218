#!/usr/bin/env bash
# The C ABI against its committed baseline, ffi/abi/libplaint.so.N.abi
# (libabigail's abidw dump of the debug build, which has the types):
#   tools/ffi/abi.sh --check [LIB]   abidiff against the baseline (make test)
#   tools/ffi/abi.sh --write [LIB]   record LIB as the baseline (make abi)
# --check fails on any ABI change that is not recorded: an incompatible one
# (a function removed or its signature changed, an enum value renumbered)
# unless the soname was bumped (PLAINT_ABI_VERSION), a compatible one
# (functions added) until `make abi` records it. It also shows on a fixture
# (the same library with plaint_version_number made local) that abidiff
# catches a removed function.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_tool abidiff abigail-tools
mode="${1:---check}"
lib="${2:-}"
if [[ -z "$lib" ]]; then
    build_debug_lib
    lib="$ROOT/target/debug/pkg/libplaint.so.$ABI"
fi
baseline="$ROOT/ffi/abi/libplaint.so.$ABI.abi"
supp="$ROOT/ffi/abi/abi.supp"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dump() { # dump LIB OUT
    abidw --suppressions "$supp" --no-corpus-path --no-show-locs --no-comp-dir-path --out-file "$2" "$1"
}

if [[ "$mode" == "--write" ]]; then
    dump "$lib" "$baseline"
    echo "wrote ${baseline#"$ROOT"/}: $(grep -c '<function-decl' "$baseline") functions"
    exit 0
fi

# abidiff's exit status is a bit field: 1 error, 2 usage, 4 ABI change,
# 8 incompatible ABI change.
compare() { # compare OLD NEW REPORT -> abidiff's status
    local rc=0
    abidiff --suppressions "$supp" "$1" "$2" >"$3" 2>&1 || rc=$?
    echo "$rc"
}

[[ -f "$baseline" ]] || { echo "no ABI baseline ${baseline#"$ROOT"/}: run \`make abi\`" >&2; exit 1; }
dump "$lib" "$work/current.abi"
rc="$(compare "$baseline" "$work/current.abi" "$work/report.txt")"
soname() { sed -n "s/.*soname='\([^']*\)'.*/\1/p" "$1" | head -n 1; }
if ((rc & 3)); then
    cat "$work/report.txt" >&2
    echo "abidiff failed (status $rc)" >&2
    exit 1
elif ((rc & 8)) && [[ "$(soname "$baseline")" == "$(soname "$work/current.abi")" ]]; then
    cat "$work/report.txt" >&2
    echo "incompatible ABI change with the same soname: bump PLAINT_ABI_VERSION (ffi/src/lib.rs, ffi/build.rs) and run \`make abi\`" >&2
    exit 1
elif ((rc & 8)); then
    echo "incompatible ABI change, soname bumped to $(soname "$work/current.abi"): record it with \`make abi\`"
elif ((rc & 4)); then
    cat "$work/report.txt" >&2
    echo "the ABI changed compatibly (above); if intended, record it with \`make abi\`" >&2
    exit 1
else
    echo "ABI of $(soname "$baseline") unchanged: $(grep -c '<function-decl' "$baseline") functions, as recorded"
fi

# The fixture: the same objects without plaint_version_number.
obj="$(dirname "$lib")/plaint.o"
sed 's/^\(\s*\)local:$/\1local:\n\1    plaint_version_number;/' "$ROOT/ffi/plaint.map" >"$work/fixture.map"
link_so "$obj" "$work/libplaint.so.$ABI" "$work/fixture.map" "$NATIVE_LIBS" cc -Wl,--as-needed
dump "$work/libplaint.so.$ABI" "$work/fixture.abi"
rc="$(compare "$baseline" "$work/fixture.abi" "$work/fixture.txt")"
if ! ((rc & 8)) || ! grep -q "plaint_version_number" "$work/fixture.txt"; then
    cat "$work/fixture.txt" >&2
    echo "abidiff did not report the function removed from the fixture (status $rc)" >&2
    exit 1
fi
echo "fixture without plaint_version_number: abidiff reports it removed, status $rc (incompatible)"
