#!/usr/bin/env bash
# Everything `make test` needs for the C ABI:
#   1. include/plaint.h equals what the pinned cbindgen generates; its
#      PLAINT_VERSION_* equal Cargo.toml's version;
#   2. build libplaint (release, and debug for valgrind and the ABI check),
#      install into a temporary PREFIX (tools/ffi/install.sh), compile
#      through pkg-config;
#   3. the exported symbols: only plaint_*, each versioned PLAINT_1, the
#      header's functions exactly; the static archive: native code only,
#      only plaint_* global;
#   4. the C suite (tests/c: unit tests + every conformance vector through
#      plaint_run_op, the assessment handle and the batch) and the C++ test
#      (as C++11 and C++17), -Wall -Wextra -Wpedantic -Werror, run plainly,
#      under ASan+UBSan (clang, static lib), under valgrind (debug library,
#      and the release library with tools/ffi/valgrind.supp); a run of
#      batches reusing its answers' memory (tests/c/test_batch_memory.c);
#   5. the static archive linked with gcc, gcc -flto, clang, clang -flto;
#   6. 200 dlopen/dlclose cycles (heap growth, and valgrind: 0 bytes lost);
#   7. the old-glibc build (cargo-zigbuild, glibc 2.17): no symbol version
#      newer than GLIBC_2.17, and the C suite run against it;
#   8. the ABI against its baseline (tools/ffi/abi.sh);
#   9. the examples, and a CMake project using find_package(plaint).
# Installs clang, valgrind, cmake, pkg-config, abigail-tools with apt-get
# only when missing; cargo-zigbuild and zig (pinned) into .tools.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
started=$SECONDS
stage() { echo "== $* (at $((SECONDS - started)) s)"; }
ensure_tool cc gcc
ensure_tool c++ g++
ensure_tool clang clang
ensure_tool valgrind valgrind
ensure_tool cmake cmake
ensure_tool pkg-config pkg-config
ensure_tool abidiff abigail-tools

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export RUST_BACKTRACE=0 # the deliberate panic of test_status_panic prints one line, not a backtrace

stage "header: include/plaint.h is current, its version is Cargo.toml's"
bash "$ROOT/tools/ffi/header.sh" --check
header_version="$(awk '/#define PLAINT_VERSION_(MAJOR|MINOR|PATCH) / {printf "%s%s", sep, $3; sep="."}' "$ROOT/include/plaint.h")"
[[ "$header_version" == "$VERSION" ]] ||
    { echo "include/plaint.h says $header_version, Cargo.toml $VERSION: update PLAINT_VERSION_* in ffi/src/lib.rs" >&2; exit 1; }

stage "build and install into a temporary prefix"
prefix="$work/prefix"
bash "$ROOT/tools/ffi/install.sh" "$prefix"
# valgrind's main runs use the debug library (its stacks name every frame);
# the release library runs under valgrind once too, with the suppressions.
build_debug_lib
mkdir -p "$work/debug"
cp "$ROOT/target/debug/pkg/libplaint.so.$ABI" "$work/debug/libplaint.so.$ABI"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
[[ "$(pkg-config --modversion plaint)" == "$VERSION" ]]
[[ "$(readelf -d "$prefix/lib/libplaint.so.$ABI" | sed -n 's/.*soname: \[\(.*\)\]/\1/p')" == "libplaint.so.$ABI" ]]

so="$prefix/lib/libplaint.so.$ABI"
stage "symbols: only plaint_*, each PLAINT_1, exactly the header's functions"
grep -E '^[a-z].*\bplaint_[a-z0-9_]+\(' "$ROOT/include/plaint.h" | grep -oE 'plaint_[a-z0-9_]+\(' | tr -d '(' | sort >"$work/header.syms"
objdump -T "$so" | awk '$2 == "g" && $4 != "*UND*" && $4 != "*ABS*" {print $6 " " $7}' | sort >"$work/so.syms"
if awk '$1 != "PLAINT_1" || $2 !~ /^plaint_/' "$work/so.syms" | grep -q .; then
    echo "exported symbols other than plaint_*@PLAINT_1:" >&2
    awk '$1 != "PLAINT_1" || $2 !~ /^plaint_/' "$work/so.syms" >&2
    exit 1
fi
diff <(awk '{print $2}' "$work/so.syms") "$work/header.syms" ||
    { echo "the library's exports differ from the header's functions" >&2; exit 1; }
[[ "$(readelf -d "$so" | grep -c NODELETE)" == 1 ]] || { echo "libplaint.so is not -z nodelete" >&2; exit 1; }
a="$prefix/lib/libplaint.a"
nm -g --defined-only "$a" | awk 'NF == 3 && $3 !~ /^plaint_/' | grep -q . &&
    { echo "libplaint.a defines global symbols other than plaint_*" >&2; exit 1; }
objdump -h "$a" | grep -q 'llvmbc\|llvmcmd' && { echo "libplaint.a carries LLVM bitcode" >&2; exit 1; }
echo "$(wc -l <"$work/so.syms") functions, each plaint_*@PLAINT_1; libplaint.a: $(ar t "$a" | wc -l) native object, $(nm -g --defined-only "$a" | grep -c ' plaint_') global symbols"

warn=(-Wall -Wextra -Wpedantic -Werror -g)
csrc=("$ROOT/tests/c/test_plaint.c" "$ROOT/tests/c/test_horizon.c" "$ROOT/tests/c/json.c")
cxxsrc=("$ROOT/tests/c/test_plaint.cpp")
read -r -a cflags <<<"$(pkg-config --cflags plaint)"
read -r -a libs <<<"$(pkg-config --libs plaint)"
read -r -a static_libs <<<"$NATIVE_LIBS"
rpath=(-Wl,-rpath,"$prefix/lib")

stage "compile (gcc/g++, shared library via pkg-config)"
cc -std=c11 "${warn[@]}" "${cflags[@]}" "${csrc[@]}" -o "$work/test_c" "${libs[@]}" "${rpath[@]}" -lpthread
for std in c++11 c++17; do
    c++ -std=$std "${warn[@]}" "${cflags[@]}" "${cxxsrc[@]}" -o "$work/test_$std" "${libs[@]}" "${rpath[@]}" -lpthread
done
cc -std=c11 "${warn[@]}" "${cflags[@]}" "$ROOT/examples/c/assess.c" -o "$work/example_c" "${libs[@]}" "${rpath[@]}"
cc -std=c11 "${warn[@]}" "${cflags[@]}" "$ROOT/tests/c/test_batch_memory.c" -o "$work/test_batch_memory" "${libs[@]}" "${rpath[@]}"
# The header alone compiles as C99, C11, C17; plaint.hpp as C++11 and C++17.
for std in c99 c11 c17; do
    echo '#include <plaint.h>' | cc -x c -std=$std "${warn[@]}" "${cflags[@]}" -fsyntax-only -
done
for std in c++11 c++17; do
    echo '#include <plaint.hpp>' | c++ -x c++ -std=$std "${warn[@]}" "${cflags[@]}" -fsyntax-only -
done

stage "compile (clang, ASan + UBSan, static library)"
san=(-O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
clang -std=c11 "${warn[@]}" "${san[@]}" "${cflags[@]}" "${csrc[@]}" -o "$work/test_c_asan" \
    "$prefix/lib/libplaint.a" "${static_libs[@]}"
clang++ -std=c++17 "${warn[@]}" "${san[@]}" "${cflags[@]}" "${cxxsrc[@]}" -o "$work/test_cpp_asan" \
    "$prefix/lib/libplaint.a" "${static_libs[@]}"

vectors="$ROOT/tests/vectors"
case_file="$ROOT/examples/cases/major-leak.json"
calendar_2027="$ROOT/tests/c/fixtures/cn-mainland-2027.json" # written by `plaint calendar import`
run() { # run LABEL COMMAND...: print the runner's last line, fail on failure
    local label="$1"
    shift
    local log="$work/$label.log"
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        echo "FAILED: $label" >&2
        exit 1
    fi
    echo "$label: $(tail -n 1 "$log")"
}

stage "run"
run c-plain "$work/test_c" "$vectors" "$case_file"
run cpp11-plain "$work/test_c++11" "$case_file" "$calendar_2027"
run cpp17-plain "$work/test_c++17" "$case_file" "$calendar_2027"
# glibc's malloc only (its own process; not under the sanitizers or valgrind).
run batch-memory "$work/test_batch_memory"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run c-asan-ubsan "$work/test_c_asan" "$vectors" "$case_file"
run cpp-asan-ubsan "$work/test_cpp_asan" "$case_file" "$calendar_2027"
vg=(valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=all --show-leak-kinds=all
    --num-callers=64 --suppressions="$ROOT/tools/ffi/valgrind.supp")
run c-valgrind env LD_LIBRARY_PATH="$work/debug" "${vg[@]}" "$work/test_c" "$vectors" "$case_file"
run cpp-valgrind env LD_LIBRARY_PATH="$work/debug" "${vg[@]}" "$work/test_c++11" "$case_file" "$calendar_2027"
# The release library: what hosts run (optimised code; see valgrind.supp).
stage "valgrind on the release library"
run c-valgrind-release env PLAINT_TEST_QUICK=1 "${vg[@]}" "$work/test_c" "$vectors" "$case_file"

stage "the static archive with gcc, gcc -flto, clang, clang -flto"
for linker in gcc "gcc -flto" clang "clang -flto"; do
    read -r -a cc_ <<<"$linker"
    exe="$work/static_${linker// /_}"
    "${cc_[@]}" -std=c11 -O2 "${warn[@]}" "${cflags[@]}" "${csrc[@]}" -o "$exe" "$a" "${static_libs[@]}"
    run "static-${linker// /-}" env PLAINT_TEST_QUICK=1 "$exe" "$vectors" "$case_file"
done

stage "200 dlopen/dlclose cycles (heap growth; valgrind: 0 bytes lost)"
cc -std=c11 "${warn[@]}" "${cflags[@]}" "$ROOT/tests/c/test_reload.c" -o "$work/test_reload" -ldl
run reload-heap "$work/test_reload" "$so" 200 --heap
run reload-valgrind valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
    "$work/test_reload" "$so" 200

stage "old glibc: cargo-zigbuild for $OLD_TARGET"
build_old_glibc_lib
old="$OLD_DIR/pkg/libplaint.so.$ABI"
newest="$(objdump -T "$old" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n 1)"
[[ "$(printf '%s\n%s\n' "$newest" "$OLD_GLIBC" | sort -V | tail -n 1)" == "$OLD_GLIBC" ]] ||
    { echo "the old-glibc build needs GLIBC_$newest, newer than $OLD_GLIBC" >&2; exit 1; }
[[ "$(objdump -T "$old" | grep -c ' PLAINT_1 ')" == "$(wc -l <"$work/so.syms")" ]] ||
    { echo "the old-glibc build's exports differ" >&2; exit 1; }
echo "old-glibc build: newest symbol version required GLIBC_$newest (baseline $OLD_GLIBC)"
mkdir -p "$work/old"
cp "$old" "$work/old/"
run c-old-glibc env LD_LIBRARY_PATH="$work/old" PLAINT_TEST_QUICK=1 "$work/test_c" "$vectors" "$case_file"
run reload-old-glibc "$work/test_reload" "$work/old/libplaint.so.$ABI" 200 --heap

stage "ABI: libplaint.so.$ABI against its baseline"
bash "$ROOT/tools/ffi/abi.sh" --check "$ROOT/target/debug/pkg/libplaint.so.$ABI"
"$work/example_c" "$case_file" 2026-09-29T10:00:00+08:00 >"$work/example_c.out"
grep -q "major_settle  pending  due 2026-10-12T18:00:00+08:00" "$work/example_c.out"
# 2026-11-15: 46 days (15 + 31) before cn-mainland's data ends, within the
# 60-day horizon: the warning arrives through the example's log callback.
"$work/example_c" "$case_file" 2026-11-15T10:00:00+08:00 >"$work/example_c_late.out"
grep -qx "warning calendar_data_ending: complaint PM-2026-0917: calendar cn-mainland's official holiday data ends on 2026-12-31, in 46 days" \
    "$work/example_c_late.out"
echo "example (C): $(grep -c due "$work/example_c.out") due dates printed; the warning of 2026-11-15 logged"

stage "CMake: find_package(plaint) from the installed prefix"
cmake -S "$ROOT/examples/cpp" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS="-Wall -Wextra -Wpedantic -Werror" >"$work/cmake.log" 2>&1 || { cat "$work/cmake.log"; exit 1; }
cmake --build "$work/cmake" -j 2 >>"$work/cmake.log" 2>&1 || { cat "$work/cmake.log"; exit 1; }
for exe in assess assess_static; do
    "$work/cmake/$exe" "$case_file" >"$work/$exe.out"
    cmp -s "$work/$exe.out" "$work/example_c.out" || { diff "$work/example_c.out" "$work/$exe.out"; exit 1; }
    "$work/cmake/$exe" "$case_file" 2026-11-15T10:00:00+08:00 >"$work/${exe}_late.out"
    cmp -s "$work/${exe}_late.out" "$work/example_c_late.out" || { diff "$work/example_c_late.out" "$work/${exe}_late.out"; exit 1; }
done
echo "example (C++, CMake, shared and static): same output as the C example"
echo "tools/ffi/test.sh: C ABI checks passed in $((SECONDS - started)) s"
