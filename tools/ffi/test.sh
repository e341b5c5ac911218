#!/usr/bin/env bash
# Everything `make test` needs for the C ABI (issue #6):
#   1. include/plaint.h equals what the pinned cbindgen generates;
#   2. build libplaint (release, and debug for valgrind), install into a
#      temporary PREFIX (tools/ffi/install.sh), compile through pkg-config;
#   3. the C suite (tests/c: unit tests + every conformance vector through
#      plaint_run_op) and the C++ test, -Wall -Wextra -Wpedantic -Werror,
#      run plainly, under ASan+UBSan (clang, static lib), under valgrind;
#   4. the examples, and a CMake project using find_package(plaint).
# Installs clang, valgrind, cmake, pkg-config with apt-get only when missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
started=$SECONDS
ensure_tool cc gcc
ensure_tool c++ g++
ensure_tool clang clang
ensure_tool valgrind valgrind
ensure_tool cmake cmake
ensure_tool pkg-config pkg-config

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export RUST_BACKTRACE=0 # the deliberate panic of test_status_panic prints one line, not a backtrace

echo "== header: include/plaint.h is current"
bash "$ROOT/tools/ffi/header.sh" --check

echo "== build and install into a temporary prefix"
prefix="$work/prefix"
bash "$ROOT/tools/ffi/install.sh" "$prefix"
(cd "$ROOT" && "$CARGO" build --quiet --locked -p plaint-ffi --lib)
# valgrind runs against the debug library: optimized Rust code gives valgrind
# false "uninitialised value" reports in niche-packed enums; same sources.
mkdir -p "$work/debug"
cp "$ROOT/target/debug/libplaint.so" "$work/debug/libplaint.so.1"
ln -sf libplaint.so.1 "$work/debug/libplaint.so"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
[[ "$(pkg-config --modversion plaint)" == "$VERSION" ]]
[[ "$(readelf -d "$prefix/lib/libplaint.so.$ABI" | sed -n 's/.*soname: \[\(.*\)\]/\1/p')" == "libplaint.so.$ABI" ]]

warn=(-Wall -Wextra -Wpedantic -Werror -g)
csrc=("$ROOT/tests/c/test_plaint.c" "$ROOT/tests/c/json.c")
cxxsrc=("$ROOT/tests/c/test_plaint.cpp")
cxxinc=(-I"$ROOT/examples/cpp")
read -r -a cflags <<<"$(pkg-config --cflags plaint)"
read -r -a libs <<<"$(pkg-config --libs plaint)"
read -r -a static_libs <<<"$NATIVE_LIBS"
rpath=(-Wl,-rpath,"$prefix/lib")

echo "== compile (gcc/g++, shared library via pkg-config)"
cc -std=c11 "${warn[@]}" "${cflags[@]}" "${csrc[@]}" -o "$work/test_c" "${libs[@]}" "${rpath[@]}" -lpthread
c++ -std=c++17 "${warn[@]}" "${cflags[@]}" "${cxxinc[@]}" "${cxxsrc[@]}" -o "$work/test_cpp" "${libs[@]}" "${rpath[@]}" -lpthread
cc -std=c11 "${warn[@]}" "${cflags[@]}" "$ROOT/examples/c/assess.c" -o "$work/example_c" "${libs[@]}" "${rpath[@]}"
# The header alone compiles as C99, C11, C17 and C++17, pedantically.
for std in c99 c11 c17; do
    echo '#include <plaint.h>' | cc -x c -std=$std "${warn[@]}" "${cflags[@]}" -fsyntax-only -
done
echo '#include <plaint.h>' | c++ -x c++ -std=c++17 "${warn[@]}" "${cflags[@]}" -fsyntax-only -

echo "== compile (clang, ASan + UBSan, static library)"
san=(-O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
clang -std=c11 "${warn[@]}" "${san[@]}" "${cflags[@]}" "${csrc[@]}" -o "$work/test_c_asan" \
    "$prefix/lib/libplaint.a" "${static_libs[@]}"
clang++ -std=c++17 "${warn[@]}" "${san[@]}" "${cflags[@]}" "${cxxinc[@]}" "${cxxsrc[@]}" -o "$work/test_cpp_asan" \
    "$prefix/lib/libplaint.a" "${static_libs[@]}"

vectors="$ROOT/tests/vectors"
case_file="$ROOT/examples/cases/major-leak.json"
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

echo "== run"
run c-plain "$work/test_c" "$vectors" "$case_file"
run cpp-plain "$work/test_cpp" "$case_file"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run c-asan-ubsan "$work/test_c_asan" "$vectors" "$case_file"
run cpp-asan-ubsan "$work/test_cpp_asan" "$case_file"
vg=(valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=all --show-leak-kinds=all
    --num-callers=64 --suppressions="$ROOT/tools/ffi/valgrind.supp")
run c-valgrind env LD_LIBRARY_PATH="$work/debug" "${vg[@]}" "$work/test_c" "$vectors" "$case_file"
run cpp-valgrind env LD_LIBRARY_PATH="$work/debug" "${vg[@]}" "$work/test_cpp" "$case_file"
"$work/example_c" "$case_file" 2026-09-29T10:00:00+08:00 >"$work/example_c.out"
grep -q "major_settle  pending  due 2026-10-12T18:00:00+08:00" "$work/example_c.out"
echo "example (C): $(grep -c due "$work/example_c.out") due dates printed"

echo "== CMake: find_package(plaint) from the installed prefix"
cmake -S "$ROOT/examples/cpp" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS="-Wall -Wextra -Wpedantic -Werror" >"$work/cmake.log" 2>&1 || { cat "$work/cmake.log"; exit 1; }
cmake --build "$work/cmake" -j 2 >>"$work/cmake.log" 2>&1 || { cat "$work/cmake.log"; exit 1; }
for exe in assess assess_static; do
    "$work/cmake/$exe" "$case_file" >"$work/$exe.out"
    cmp -s "$work/$exe.out" "$work/example_c.out" || { diff "$work/example_c.out" "$work/$exe.out"; exit 1; }
done
echo "example (C++, CMake, shared and static): same output as the C example"
echo "tools/ffi/test.sh: C ABI checks passed in $((SECONDS - started)) s"
