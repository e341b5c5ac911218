# Shared by tools/ffi/*.sh: paths, the pinned cbindgen, idempotent installs.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CARGO="${CARGO:-cargo}"
CBINDGEN_VERSION=0.29.4
CBINDGEN="$ROOT/.tools/bin/cbindgen"
# The old-glibc build (cargo-zigbuild links against a chosen glibc with zig).
CARGO_ZIGBUILD_VERSION=0.24.1
ZIGLANG_VERSION=0.17.0
ZIG_VENV="$ROOT/.tools/zig-venv"
OLD_GLIBC=2.17
OLD_TARGET="x86_64-unknown-linux-gnu.$OLD_GLIBC"
# The version of the workspace (ffi/Cargo.toml inherits it) and of the C ABI.
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -n1)"
ABI="$(sed -n 's/^pub const PLAINT_ABI_VERSION: u32 = \([0-9]*\);/\1/p' "$ROOT/ffi/src/lib.rs")"
# What linking the staticlib needs (`cargo rustc -p plaint-ffi --lib --crate-type
# staticlib -- --print native-static-libs` on Linux).
NATIVE_LIBS="-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"

ensure_cbindgen() {
    if [[ -x "$CBINDGEN" ]] && [[ "$("$CBINDGEN" --version)" == "cbindgen $CBINDGEN_VERSION" ]]; then
        return
    fi
    echo "== installing cbindgen $CBINDGEN_VERSION into .tools (about 2.5 min, once)" >&2
    "$CARGO" install cbindgen --version "$CBINDGEN_VERSION" --locked --root "$ROOT/.tools" --quiet
}

# cargo-zigbuild in .tools/bin and zig (PyPI ziglang) in its own venv,
# pinned; afterwards PATH finds both (`zig` is a shim over `python -m ziglang`).
ensure_zigbuild() {
    if [[ ! -x "$ROOT/.tools/bin/cargo-zigbuild" ]] ||
        [[ "$("$ROOT/.tools/bin/cargo-zigbuild" --version)" != "cargo-zigbuild $CARGO_ZIGBUILD_VERSION" ]]; then
        echo "== installing cargo-zigbuild $CARGO_ZIGBUILD_VERSION into .tools (about 1 min, once)" >&2
        "$CARGO" install cargo-zigbuild --version "$CARGO_ZIGBUILD_VERSION" --locked --root "$ROOT/.tools" --quiet
    fi
    if ! "$ZIG_VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('ziglang') != '$ZIGLANG_VERSION')" 2>/dev/null; then
        echo "== installing ziglang $ZIGLANG_VERSION into .tools/zig-venv" >&2
        python3 -m venv "$ZIG_VENV"
        "$ZIG_VENV/bin/pip" install --quiet "ziglang==$ZIGLANG_VERSION"
    fi
    export PATH="$ROOT/.tools/bin:$ZIG_VENV/bin:$PATH"
}

# ensure_tool COMMAND DEBIAN_PACKAGE: apt-get install only when missing.
ensure_tool() {
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "== installing $2 (for $1)" >&2
        local sudo=""
        [[ "$(id -u)" == 0 ]] || sudo="sudo"
        $sudo apt-get install -y -q "$2" >/dev/null 2>&1 ||
            { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "$2" >/dev/null; }
    fi
}

generate_header() { # generate_header OUTPUT
    ensure_cbindgen
    (cd "$ROOT" && "$CBINDGEN" --quiet --config ffi/cbindgen.toml --crate plaint-ffi --output "$1" ffi)
}

# The libraries that are installed are made from the static library cargo
# builds (target/<profile>/libplaint.a), in PKG=target/<profile>/pkg:
#   plaint.o        every object of the archive partially linked (`ld -r`)
#                   into one, LLVM bitcode sections removed (clang -flto and
#                   nm would read them; a newer LLVM's bitcode breaks them),
#                   every symbol but plaint_* made local;
#   libplaint.a     that one object: native code only, only plaint_* global;
#   libplaint.so.N  linked from it with ffi/plaint.map (every plaint_* symbol
#                   versioned PLAINT_1), the soname, and -z nodelete.
# rustc's own cdylib (target/<profile>/libplaint.so) exports the same
# functions but cannot carry the version script: rustc passes its own,
# unversioned one, and the linker keeps the first.
# package_lib SRC_DIR STRIP "LIBS" LINKER...: STRIP=1 drops debug info;
# LIBS (word-split) follow the object on the link line.
package_lib() {
    local src="$1" strip="$2" libs="$3"
    shift 3
    local pkg="$src/pkg"
    mkdir -p "$pkg"
    if [[ "$pkg/libplaint.so.$ABI" -nt "$src/libplaint.a" && "$pkg/libplaint.so.$ABI" -nt "$ROOT/ffi/plaint.map" ]]; then
        return
    fi
    local roots=() debug=()
    [[ "$strip" == 1 ]] && debug=(--strip-debug)
    ld -r --whole-archive "$src/libplaint.a" -o "$pkg/all.o"
    objcopy --remove-section=.llvmbc --remove-section=.llvmcmd --remove-section=.llvm_addrsig "${debug[@]}" \
        "$pkg/all.o" "$pkg/native.o"
    nm --defined-only -g "$pkg/native.o" | awk '$3 ~ /^plaint_/ {print $3}' >"$pkg/exports.txt"
    # Keep only what the exported functions reach (and the init arrays).
    mapfile -t roots < <(sed 's/^/-u/' "$pkg/exports.txt")
    ld -r --gc-sections "${roots[@]}" "$pkg/native.o" -o "$pkg/gc.o"
    objcopy --keep-global-symbols="$pkg/exports.txt" "$pkg/gc.o" "$pkg/plaint.o"
    rm -f "$pkg/all.o" "$pkg/native.o" "$pkg/gc.o" "$pkg/libplaint.a"
    ar rcs "$pkg/libplaint.a" "$pkg/plaint.o"
    link_so "$pkg/plaint.o" "$pkg/libplaint.so.$ABI" "$ROOT/ffi/plaint.map" "$libs" "$@"
}

# link_so OBJECT OUTPUT VERSION_SCRIPT "LIBS" LINKER...: the shared library.
link_so() {
    local obj="$1" out="$2" map="$3" libs
    read -r -a libs <<<"$4"
    shift 4
    "$@" -shared -o "$out" "$obj" -Wl,--version-script="$map" -Wl,-soname,"libplaint.so.$ABI" \
        -Wl,-z,nodelete -Wl,--gc-sections -Wl,-z,relro,-z,now "${libs[@]}"
}

build_lib() {
    (cd "$ROOT" && "$CARGO" build --quiet --release --locked -p plaint-ffi --lib)
    package_lib "$ROOT/target/release" 1 "$NATIVE_LIBS" cc -Wl,--as-needed
}

# The debug build, with its debug info (valgrind's stacks, abidw's types).
build_debug_lib() {
    (cd "$ROOT" && "$CARGO" build --quiet --locked -p plaint-ffi --lib)
    package_lib "$ROOT/target/debug" 0 "$NATIVE_LIBS" cc -Wl,--as-needed
}

# The old-glibc release build (cargo-zigbuild, its own target dir), linked
# against glibc OLD_GLIBC by zig; libraries in OLD_DIR/pkg.
OLD_DIR="$ROOT/target/old-glibc/x86_64-unknown-linux-gnu/release"
build_old_glibc_lib() {
    ensure_zigbuild
    (cd "$ROOT" && cargo-zigbuild zigbuild --quiet --release --locked -p plaint-ffi --lib --target "$OLD_TARGET" \
        --target-dir "$ROOT/target/old-glibc")
    # zig links its own unwinder (-lunwind) instead of libgcc_s.
    package_lib "$OLD_DIR" 1 "-lunwind -lpthread -ldl -lm -lc" \
        cargo-zigbuild zig cc -- -target "x86_64-linux-gnu.$OLD_GLIBC"
}
